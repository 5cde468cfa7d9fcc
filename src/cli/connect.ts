// Connecting: the client every command signs with. Credentials from the environment (as the SDKs
// read them), extra CAs from --ca-file and HUAWEICLOUD_SDK_CA_FILE, proxies as curl reads them
// (proxy.ts), and the endpoints of --cloud / --endpoint / --iam-endpoint.
import * as path from 'path';
import { Credentials, ENV_AK, ENV_SK, ModelArtsClient } from '../api';
import { describeProxy } from '../api/endpoints';
import { trustedCertificates } from '../api/trust';
import { proxyAgents, proxyFor } from './proxy';
import type { CliIo } from './report';
import { UsageError } from './usage';

/** Like the SDKs' other HUAWEICLOUD_SDK_* variables: PEM files of extra CAs, separated by the path delimiter. */
const ENV_CA_FILE = 'HUAWEICLOUD_SDK_CA_FILE';

/** The client every command signs with: credentials from the environment, CAs, proxies, endpoints. */
export function connect(o: { cloud?: string; endpoint?: string; 'iam-endpoint'?: string; 'ca-file'?: string[] }, timeout: number, io: CliIo): ModelArtsClient {
  const credentials = Credentials.fromEnvironment(io.env);
  if (!credentials) throw new UsageError(`set ${ENV_AK} and ${ENV_SK} to an access key and secret key.`);
  const caFiles = [...(o['ca-file'] ?? []), ...(io.env[ENV_CA_FILE] ?? '').split(path.delimiter).filter(Boolean)];
  const ca = trustedCertificates(caFiles, `--ca-file / ${ENV_CA_FILE}`);
  const client = new ModelArtsClient({
    credentials,
    ca,
    agentFor: proxyAgents(ca),
    proxyFor: (url) => {
      const proxy = proxyFor(url);
      return proxy && describeProxy(proxy);
    },
    trustHint: `pass its PEM file with --ca-file <pem> (or ${ENV_CA_FILE})`,
    endpoints: { cloud: o.cloud, endpoint: o.endpoint, iamEndpoint: o['iam-endpoint'] },
    timeoutMs: timeout * 1000,
    onClockSkew: (message) => io.stderr(`modelarts-plugins: ${message}\n`),
  });
  return client;
}

// The node:http transport now ships as the client's default (src/api/transport.ts); kept as an
// alias so the bench's b′ variant still names it.
export { httpTransport } from '../../src/api/transport';

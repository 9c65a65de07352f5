/** A TCP port nothing listens on now, on the loopback interface: for a test's own server. */
import net from 'node:net';

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** "Fetch ICE's lists now" against a closed local port, one try, refused at once: tests never reach ice.gov. */
export async function pointIceAtClosedPort() {
  const port = await freePort();
  process.env.ICE_PARTICIPATING_URL = process.env.ICE_PENDING_URL = `http://127.0.0.1:${port}/list.xlsx`;
  process.env.ICE_FETCH_RETRIES = '0';
}

// The reference: a bare node:http server answering fixed JSON, in its own process like the desk.
import { createServer } from 'node:http';
const body = JSON.stringify({ language: 'en', intent: 'order', recommendedChannel: 'chat', message: 'ok' });
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
process.on('SIGTERM', () => server.close(() => process.exit(0)));

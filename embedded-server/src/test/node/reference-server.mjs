// The reference for the idle-socket benchmark: a plain Socket.IO 4 server with its defaults (pingInterval 25 s,
// pingTimeout 20 s), accepting every connection and doing nothing with it. Input (environment): VR_PORT (0 picks
// a free one). Prints one JSON line {"port": N} once listening; runs until killed.
import { createServer } from "node:http";
import { Server } from "socket.io";

const http = createServer();
const io = new Server(http);
io.on("connection", () => {});
http.listen(Number(process.env.VR_PORT ?? 0), "127.0.0.1", () => {
  console.log(JSON.stringify({ port: http.address().port }));
});

import type { Socket } from 'socket.io-client';

/**
 * Waits until `socket` is connected and has joined `room`. Requests are handled in order, so the
 * error answer to a join of a room that does not exist means the join before it is done.
 */
export async function joinRoom(socket: Socket, room: string): Promise<void> {
  await new Promise((resolve, reject) => {
    socket.once('connected', resolve);
    socket.once('connect_error', reject);
  });
  socket.emit('message', { action: 'join', data: { room } });
  socket.emit('message', { action: 'join', data: { room: 'no-such-room' } });
  await new Promise((resolve) => socket.once('error', resolve));
}

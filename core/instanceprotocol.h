#pragma once

#include <QtGlobal>

// The instance protocol between a running Taskdeck (InstanceServer) and the
// shell client: one compact UTF-8 JSON object per line over a QLocalSocket.
//   request {"v":1, "id":<int>, "cmd":"...", ...arguments}
//   reply   {"v":1, "id":<same>, "ok":true, ...} or {..., "ok":false, "error":"..."}
//   event   {"v":1, "id":<same>, "event":"...", ...} (streams, before the final reply)
// docs/protocol.md specifies it (protocol version 1): the transport, every
// command with its arguments, replies, events and errors, and the job object,
// which JobJson builds and reads.
namespace InstanceProtocol {
// The version this build speaks; a request with any other "v" is refused.
inline constexpr int version = 1;
// A line (without its '\n') longer than this is refused and the connection closed.
inline constexpr qint64 maxLineBytes = 1024 * 1024;
} // namespace InstanceProtocol

#pragma once

#include <QString>
#include <QtGlobal>

// The instance protocol between a running Taskdeck (InstanceServer) and the
// shell client (InstanceClient): one compact UTF-8 JSON object per line over
// a local socket.
//   request {"v":1, "id":<int>, "cmd":"...", ...arguments}
//   reply   {"v":1, "id":<same>, "ok":true, ...} or {..., "ok":false, "error":"..."}
//   event   {"v":1, "id":<same>, "event":"...", ...} (streams, before the final reply)
// docs/protocol.md specifies it: the transport, every command with its
// arguments, replies, events and errors, and the job object (which JobJson
// builds and reads). The names below are the ones on the wire; the server
// and the client both spell them from here.
namespace InstanceProtocol {
// The version this build speaks; a request with any other "v" is refused.
inline constexpr int version = 1;
// A line (without its '\n') longer than this is refused and the connection closed.
inline constexpr qint64 maxLineBytes = 1024 * 1024;

// The commands ("cmd"); InstanceCommands::commandNames() lists those the server answers.
namespace Command {
inline constexpr QLatin1String hello{"hello"};
inline constexpr QLatin1String add{"add"};
inline constexpr QLatin1String list{"list"};
inline constexpr QLatin1String show{"show"};
inline constexpr QLatin1String log{"log"};
inline constexpr QLatin1String cancel{"cancel"};
inline constexpr QLatin1String pause{"pause"};
inline constexpr QLatin1String resume{"resume"};
inline constexpr QLatin1String retry{"retry"};
inline constexpr QLatin1String remove{"remove"};
inline constexpr QLatin1String move{"move"};
inline constexpr QLatin1String pauseAll{"pause-all"};
inline constexpr QLatin1String resumeAll{"resume-all"};
inline constexpr QLatin1String drain{"drain"};
inline constexpr QLatin1String wait{"wait"};
inline constexpr QLatin1String activate{"activate"};
inline constexpr QLatin1String shutdown{"shutdown"};
} // namespace Command

// The events ("event") a stream sends before its final reply.
namespace Event {
inline constexpr QLatin1String log{"log"};   // "log" with "follow": a batch of lines
inline constexpr QLatin1String jobs{"jobs"}; // "list": a batch of job objects, in order
} // namespace Event

// The fields of requests, replies and events (not those of the job object:
// JobJson spells those).
namespace Field {
// Every message.
inline constexpr QLatin1String v{"v"};
inline constexpr QLatin1String id{"id"};
// Requests.
inline constexpr QLatin1String cmd{"cmd"};
inline constexpr QLatin1String spec{"spec"};
inline constexpr QLatin1String specs{"specs"};
inline constexpr QLatin1String more{"more"};
inline constexpr QLatin1String job{"job"};
inline constexpr QLatin1String jobs{"jobs"};
inline constexpr QLatin1String lines{"lines"};
inline constexpr QLatin1String follow{"follow"};
inline constexpr QLatin1String to{"to"};
inline constexpr QLatin1String states{"states"};
inline constexpr QLatin1String limit{"limit"};
inline constexpr QLatin1String since{"since"};
// Replies and events.
inline constexpr QLatin1String ok{"ok"};
inline constexpr QLatin1String error{"error"};
inline constexpr QLatin1String event{"event"};
inline constexpr QLatin1String results{"results"};
inline constexpr QLatin1String count{"count"};
inline constexpr QLatin1String ids{"ids"};
inline constexpr QLatin1String staged{"staged"};
inline constexpr QLatin1String state{"state"};
inline constexpr QLatin1String version{"version"};
inline constexpr QLatin1String pid{"pid"};
inline constexpr QLatin1String headless{"headless"};
inline constexpr QLatin1String dataDir{"data_dir"};
} // namespace Field

// The values of "to" in "move".
namespace MoveTo {
inline constexpr QLatin1String top{"top"};
inline constexpr QLatin1String up{"up"};
inline constexpr QLatin1String down{"down"};
inline constexpr QLatin1String bottom{"bottom"};
} // namespace MoveTo
} // namespace InstanceProtocol

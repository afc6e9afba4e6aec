#pragma once

// Tells ThreadSanitizer about a hand-off between threads that is ordered by
// something it cannot see (Qt's own mutexes are futex-based and, in Debian's
// Qt, not instrumented). No-ops in ordinary builds.
#if defined(__SANITIZE_THREAD__)
#include <sanitizer/tsan_interface.h>
#define TASKDECK_HANDOFF_RELEASE(address) __tsan_release(static_cast<void *>(address))
#define TASKDECK_HANDOFF_ACQUIRE(address) __tsan_acquire(static_cast<void *>(address))
#else
#define TASKDECK_HANDOFF_RELEASE(address) static_cast<void>(address)
#define TASKDECK_HANDOFF_ACQUIRE(address) static_cast<void>(address)
#endif

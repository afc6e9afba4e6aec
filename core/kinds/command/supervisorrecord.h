#pragma once

// What taskdeck-supervise tells the instance through its status pipe (fd 3):
// one fixed-size record per write (atomic: far below PIPE_BUF). EOF on the
// pipe means the supervisor is done writing and the program has exec'd (or
// died trying).
struct SupervisorRecord {
    enum Kind : char {
        ProgramStarted = 'P', // value: the program's pid
        ExecFailed = 'E',     // value: errno
        ChdirFailed = 'D',    // value: errno
        ForkFailed = 'F',     // value: errno
    };
    char kind;
    char padding[7];
    long long value;
};

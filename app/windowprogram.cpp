#include "windowprogram.h"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>

namespace {

// The folder of the running executable, symbolic links resolved.
std::string executableFolder() {
    char path[PATH_MAX];
    const ssize_t length = ::readlink("/proc/self/exe", path, sizeof path - 1);
    if (length <= 0)
        return {};
    path[length] = '\0';
    char *slash = std::strrchr(path, '/');
    if (!slash)
        return {};
    *slash = '\0';
    return path;
}

} // namespace

int WindowProgram::exec(char **argv) {
    const std::string folder = executableFolder();
    const std::string candidates[] = {folder + "/taskdeck-window",
                                      folder + "/../libexec/taskdeck/taskdeck-window"};
    int lastError = ENOENT;
    for (const std::string &candidate : candidates) {
        if (::access(candidate.c_str(), X_OK) != 0)
            continue;
        ::execv(candidate.c_str(), argv);
        lastError = errno; // execv returns only on failure
    }
    std::fprintf(stderr,
                 "taskdeck: cannot open the window: its program taskdeck-window was not "
                 "found in %s or %s/../libexec/taskdeck (%s)\n",
                 folder.c_str(), folder.c_str(), std::strerror(lastError));
    return 1;
}

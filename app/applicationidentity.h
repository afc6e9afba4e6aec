#pragma once

// The names Qt files settings and sockets under ("Taskdeck/taskdeck"), and the
// version: the same for the command line, the headless instance and the window
// (taskdeck-window), so that all of them read the same settings.
// Call once, after the Q(Core)Application exists. Main thread.
void describeApplication();

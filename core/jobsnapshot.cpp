#include "jobsnapshot.h"

double JobSnapshot::fraction() const {
    if (state == JobState::Succeeded)
        return 1.0;
    if (total < 0)
        return -1.0;
    if (total == 0)
        return isFinished(state) ? 1.0 : 0.0;
    return qBound(0.0, double(done) / double(total), 1.0);
}

#include "job/jobsnapshot.h"

double JobSnapshot::fraction() const {
    if (state == JobState::Succeeded)
        return 1.0;
    if (total < 0)
        return -1.0;
    if (total == 0)
        return isFinished(state) ? 1.0 : 0.0;
    return qBound(0.0, double(done) / double(total), 1.0);
}

JobSnapshot JobSnapshot::settled() const {
    JobSnapshot s = *this;
    if (!ending)
        return s;
    s.state = ending->state;
    s.result = ending->result;
    s.finishedAt = ending->finishedAt;
    s.waitReason.clear();
    s.started = false;
    s.speed = 0;
    s.etaSeconds = -1;
    s.ending.reset();
    return s;
}

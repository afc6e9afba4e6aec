#pragma once

#include "job/jobkindregistry.h"

#include <memory>

// The one list of the kinds Taskdeck ships. The engine knows none of them: app/
// (and tests) hand this registry to the queue. Adding a kind is one line here.
class BuiltinKinds {
public:
    // A new registry holding every built-in kind (copy, hash, command, images).
    static std::shared_ptr<JobKindRegistry> registry();
};

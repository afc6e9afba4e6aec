#include "kinds/builtinkinds.h"

#include "kinds/command/commandjobkind.h"
#include "kinds/copy/copyjobkind.h"
#include "kinds/hash/hashjobkind.h"
#include "kinds/images/imagesjobkind.h"

std::shared_ptr<JobKindRegistry> BuiltinKinds::registry() {
    auto registry = std::make_shared<JobKindRegistry>();
    registry->add(std::make_shared<CopyJobKind>());
    registry->add(std::make_shared<HashJobKind>());
    registry->add(std::make_shared<CommandJobKind>());
    registry->add(std::make_shared<ImagesJobKind>());
    return registry;
}

#include "kinds/copy/copyjobkind.h"

#include "kinds/common/hashalgorithm.h"
#include "kinds/copy/copyjobparams.h"
#include "kinds/copy/copyrun.h"

#include <QFileInfo>

CopyJobKind::CopyJobKind() {
    hashEvpDigest(HashAlgorithm::Sha256);
}

QString CopyJobKind::name() const {
    return QStringLiteral("copy");
}

QString CopyJobKind::displayName() const {
    return QStringLiteral("Copy files and folders");
}

QString CopyJobKind::title(const CopyJobParams &params) const {
    QString title = QStringLiteral("Copy %1").arg(QFileInfo(params.sources.first()).fileName());
    if (params.sources.size() > 1)
        title += QStringLiteral(" and %1 more").arg(params.sources.size() - 1);
    return title + QStringLiteral(" to %1").arg(QFileInfo(params.destination).fileName());
}

JobResult CopyJobKind::runWith(JobContext &context, const CopyJobParams &params) const {
    return CopyRun(context, params).run();
}

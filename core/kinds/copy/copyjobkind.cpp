#include "kinds/copy/copyjobkind.h"

#include "kinds/common/hashalgorithm.h"
#include "kinds/copy/copyjobparams.h"
#include "kinds/copy/copyrun.h"

#include <QFileInfo>
#include <QtGlobal>

CopyJobKind::CopyJobKind() {
    hashEvpDigest(HashAlgorithm::Sha256);
}

QString CopyJobKind::name() const {
    return CopyJobParams::kindName();
}

QString CopyJobKind::displayName() const {
    return QStringLiteral("Copy files and folders");
}

QList<JobField> CopyJobKind::fields() const {
    using Type = JobField::Type;
    // The parameters, then what result.details holds.
    return CopyJobParams::fields() +
           QList<JobField>{
               {QStringLiteral("files"), QT_TRANSLATE_NOOP("JobField", "Files"), Type::Count},
               {QStringLiteral("folders"), QT_TRANSLATE_NOOP("JobField", "Folders"), Type::Count},
               {QStringLiteral("links"), QT_TRANSLATE_NOOP("JobField", "Links"), Type::Count},
               {QStringLiteral("specials"), QT_TRANSLATE_NOOP("JobField", "Special files"),
                Type::Count},
               {QStringLiteral("bytes"), QT_TRANSLATE_NOOP("JobField", "Size"), Type::Bytes},
           };
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

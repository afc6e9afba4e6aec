#include "copyjobkind.h"

#include "copyjobparams.h"
#include "copyrun.h"
#include "hashalgorithm.h"

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

Expected<QVariantMap> CopyJobKind::validate(const QVariantMap &params) const {
    const Expected<CopyJobParams> parsed = CopyJobParams::fromMap(params);
    if (!parsed)
        return Expected<QVariantMap>::failure(parsed.error());
    if (const Status status = parsed->check(); !status)
        return Expected<QVariantMap>::failure(status.error());
    return parsed->toMap();
}

QString CopyJobKind::defaultTitle(const QVariantMap &params) const {
    const Expected<CopyJobParams> parsed = CopyJobParams::fromMap(params);
    if (!parsed)
        return displayName();
    QString title = QStringLiteral("Copy %1").arg(QFileInfo(parsed->sources.first()).fileName());
    if (parsed->sources.size() > 1)
        title += QStringLiteral(" and %1 more").arg(parsed->sources.size() - 1);
    return title + QStringLiteral(" to %1").arg(QFileInfo(parsed->destination).fileName());
}

JobResult CopyJobKind::run(JobContext &context, const QVariantMap &params) const {
    const Expected<CopyJobParams> parsed = CopyJobParams::fromMap(params);
    if (!parsed)
        return JobResult::failure(parsed.error());
    return CopyRun(context, *parsed).run();
}

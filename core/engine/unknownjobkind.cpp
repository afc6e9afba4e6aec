#include "engine/unknownjobkind.h"

#include <QCoreApplication>

QString UnknownJobKind::error() const {
    return QCoreApplication::translate("UnknownJobKind",
                                       "unknown job kind '%1': this version of Taskdeck cannot "
                                       "run it")
        .arg(m_name);
}

Expected<QVariantMap> UnknownJobKind::validate(const QVariantMap &) const {
    return Expected<QVariantMap>::failure(error());
}

QString UnknownJobKind::defaultTitle(const QVariantMap &) const {
    return m_name;
}

JobResult UnknownJobKind::run(JobContext &, const QVariantMap &) const {
    return JobResult::failure(error());
}

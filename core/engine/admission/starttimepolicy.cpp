#include "engine/admission/starttimepolicy.h"

#include "engine/jobrecord.h"

#include <QCoreApplication>
#include <QLocale>

std::optional<Refusal> StartTimePolicy::check(const JobRecord &job) const {
    const QDateTime &notBefore = job.spec.notBefore;
    if (!notBefore.isValid() || notBefore <= QDateTime::currentDateTimeUtc())
        return std::nullopt;
    return Refusal{QCoreApplication::translate("JobQueue", "not before %1")
                       .arg(QLocale().toString(notBefore.toLocalTime(), QLocale::ShortFormat)),
                   false};
}

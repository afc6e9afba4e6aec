#include "kinds/common/resumetally.h"

#include "job/jobcontext.h"

#include <QLocale>

void ResumeTally::log(JobContext &context, const QString &redone) const {
    if (!context.isResuming())
        return;
    const QLocale locale;
    QString line = QStringLiteral("resumed: %1 %2 finished before the restart %3 skipped")
                       .arg(locale.toString(m_reused),
                            m_reused == 1 ? QStringLiteral("file") : QStringLiteral("files"),
                            m_reused == 1 ? QStringLiteral("was") : QStringLiteral("were"));
    if (m_changed > 0) {
        line += QStringLiteral(", %1 changed since and %2 again")
                    .arg(locale.toString(m_changed), redone);
    }
    context.log(line);
}

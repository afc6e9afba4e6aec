#include "clientbacklog.h"

#include <QLocale>

QString ClientBacklog::dropReason(qint64 unread) const {
    const QLocale c = QLocale::c();
    if (unread > m_perClientLimit)
        return QStringLiteral("it left %1 unread, more than the %2 a client may")
            .arg(c.formattedDataSize(unread), c.formattedDataSize(m_perClientLimit));
    if (m_total > m_totalLimit && unread > share())
        return QStringLiteral("it left %1 unread while all clients together left %2 (its share "
                              "of the %3 they may is %4)")
            .arg(c.formattedDataSize(unread), c.formattedDataSize(m_total),
                 c.formattedDataSize(m_totalLimit), c.formattedDataSize(share()));
    return {};
}

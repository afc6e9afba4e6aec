#include "instance/clientbacklog.h"

#include "job/humanformat.h"

#include <QLocale>

QString ClientBacklog::dropReason(qint64 unread) const {
    const QLocale c = QLocale::c();
    if (unread > m_perClientLimit)
        return QStringLiteral("it left %1 unread, more than the %2 a client may")
            .arg(HumanFormat::bytes(unread, c), HumanFormat::bytes(m_perClientLimit, c));
    if (m_total > m_totalLimit && unread > share())
        return QStringLiteral("it left %1 unread while all clients together left %2 (its share "
                              "of the %3 they may is %4)")
            .arg(HumanFormat::bytes(unread, c), HumanFormat::bytes(m_total, c),
                 HumanFormat::bytes(m_totalLimit, c), HumanFormat::bytes(share(), c));
    return {};
}

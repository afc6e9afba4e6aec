#include "base/stringpool.h"

#include <QStringList>
#include <QVariantList>

QString StringPool::intern(const QString &text) {
    if (text.isEmpty())
        return QString();
    const auto found = m_strings.constFind(text);
    if (found != m_strings.cend())
        return *found;
    m_strings.insert(text);
    return text;
}

QVariantMap StringPool::intern(const QVariantMap &map) {
    QVariantMap pooled;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        pooled.insert(intern(it.key()), intern(it.value()));
    return pooled;
}

QVariant StringPool::intern(const QVariant &value) {
    switch (value.typeId()) {
    case QMetaType::QString:
        return intern(value.toString());
    case QMetaType::QStringList: {
        QStringList list = value.toStringList();
        for (QString &item : list)
            item = intern(item);
        return list;
    }
    case QMetaType::QVariantList: {
        QVariantList list = value.toList();
        for (QVariant &item : list)
            item = intern(item);
        return list;
    }
    case QMetaType::QVariantMap:
        return intern(value.toMap());
    default:
        return value;
    }
}

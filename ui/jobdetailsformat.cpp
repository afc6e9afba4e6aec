#include "jobdetailsformat.h"

#include "humanformat.h"

#include <QLocale>

namespace {

// Keys whose numbers are sizes in bytes, in the kinds' parameters and results.
bool isByteCount(const QString &key) {
    return key == QLatin1String("bytes") || key.endsWith(QLatin1String("_bytes"));
}

} // namespace

QString JobDetailsFormat::keyLabel(const QString &key) {
    QString label;
    label.reserve(key.size() + 4);
    for (qsizetype i = 0; i < key.size(); ++i) {
        const QChar c = key.at(i);
        if (c == QLatin1Char('_') || c == QLatin1Char('-')) {
            label += QLatin1Char(' ');
        } else if (c.isUpper() && i > 0 && key.at(i - 1).isLower()) {
            label += QLatin1Char(' ');
            label += c.toLower();
        } else {
            label += c;
        }
    }
    label = label.simplified();
    if (!label.isEmpty())
        label[0] = label.at(0).toUpper();
    return label;
}

std::optional<QStringList> JobDetailsFormat::listItems(const QVariant &value) {
    const int type = value.typeId();
    if (type == QMetaType::QStringList)
        return value.toStringList();
    if (type == QMetaType::QVariantList) {
        QStringList items;
        const QVariantList list = value.toList();
        items.reserve(list.size());
        for (const QVariant &item : list)
            items.append(valueText(QString(), item));
        return items;
    }
    return std::nullopt;
}

QString JobDetailsFormat::valueText(const QString &key, const QVariant &value) {
    const QLocale locale;
    switch (value.typeId()) {
    case QMetaType::Bool:
        return value.toBool() ? tr("Yes") : tr("No");
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::ULong:
    case QMetaType::LongLong:
    case QMetaType::ULongLong:
        return isByteCount(key) ? HumanFormat::bytes(value.toLongLong())
                                : locale.toString(value.toLongLong());
    case QMetaType::Double:
    case QMetaType::Float:
        return locale.toString(value.toDouble());
    case QMetaType::QDateTime:
        return dateTime(value.toDateTime());
    case QMetaType::QVariantMap: {
        const QVariantMap map = value.toMap();
        QStringList lines;
        for (auto it = map.begin(); it != map.end(); ++it)
            lines.append(tr("%1: %2").arg(keyLabel(it.key()), valueText(it.key(), it.value())));
        return lines.join(QLatin1Char('\n'));
    }
    default:
        break;
    }
    if (const std::optional<QStringList> items = listItems(value))
        return items->join(QLatin1Char('\n'));
    return value.toString();
}

QString JobDetailsFormat::dateTime(const QDateTime &time) {
    if (!time.isValid())
        return {};
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

QString JobDetailsFormat::span(const QDateTime &from, const QDateTime &to) {
    if (!from.isValid() || !to.isValid())
        return {};
    return HumanFormat::duration(qMax<qint64>(0, from.secsTo(to)));
}

QStringList JobDetailsFormat::capped(const QStringList &items, int maxItems) {
    if (items.size() <= maxItems)
        return items;
    QStringList shown = items.mid(0, maxItems);
    shown.append(tr("… and %1 more").arg(QLocale().toString(items.size() - maxItems)));
    return shown;
}

#include "details/jobdetailsformat.h"

#include "job/humanformat.h"

#include <QCoreApplication>

#include <QDir>
#include <QLocale>

#include <algorithm>
#include <iterator>

namespace {

// Keys whose numbers are sizes in bytes, in the kinds' parameters and results.
bool isByteCount(const QString &key) {
    return key == QLatin1String("bytes") || key.endsWith(QLatin1String("_bytes"));
}

const JobField *fieldOf(const QList<JobField> &fields, const QString &key) {
    for (const JobField &field : fields) {
        if (field.key == key)
            return &field;
    }
    return nullptr;
}

int rankOf(const QList<JobField> &fields, const QString &key) {
    const JobField *field = fieldOf(fields, key);
    return field ? int(field - fields.constData()) : int(fields.size());
}

QString spelledOut(const QString &key) {
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

QString fieldWords(const char *text) {
    return QCoreApplication::translate("JobField", text);
}

} // namespace

bool JobDetailsFormat::isPathParameter(const QString &key, const QVariant &value,
                                       const QList<JobField> &fields) {
    const JobField *field = fieldOf(fields, key);
    return field && field->type == JobField::Type::Path &&
           (value.typeId() == QMetaType::QString || listItems(value).has_value());
}

QString JobDetailsFormat::absolutePath(const QString &path, const QString &baseDir) {
    if (path.isEmpty() || QDir::isAbsolutePath(path))
        return QDir::cleanPath(path);
    return QDir::cleanPath(
        QDir(baseDir.isEmpty() ? QDir::currentPath() : baseDir).absoluteFilePath(path));
}

QStringList JobDetailsFormat::orderedKeys(const QVariantMap &values,
                                          const QList<JobField> &fields) {
    QStringList keys = values.keys(); // by name already
    std::stable_sort(keys.begin(), keys.end(), [&fields](const QString &a, const QString &b) {
        return rankOf(fields, a) < rankOf(fields, b);
    });
    return keys;
}

QString JobDetailsFormat::keyLabel(const QString &key, const QList<JobField> &fields) {
    if (const JobField *field = fieldOf(fields, key))
        return fieldWords(field->label);
    return spelledOut(key);
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
            items.append(valueText(QString(), item, {}));
        return items;
    }
    return std::nullopt;
}

QString JobDetailsFormat::valueText(const QString &key, const QVariant &value,
                                    const QList<JobField> &fields) {
    const JobField *field = fieldOf(fields, key);
    const JobField::Type type = field ? field->type : JobField::Type::Text;
    if (const std::optional<QString> text = typedText(type, field, value))
        return *text;
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
        if (isByteCount(key))
            return HumanFormat::bytes(value.toLongLong());
        return locale.toString(value.toLongLong());
    case QMetaType::Double:
    case QMetaType::Float:
        return locale.toString(value.toDouble());
    case QMetaType::QDateTime:
        return dateTime(value.toDateTime());
    case QMetaType::QVariantMap: {
        const QVariantMap map = value.toMap();
        QStringList lines;
        for (auto it = map.begin(); it != map.end(); ++it)
            lines.append(tr("%1: %2").arg(keyLabel(it.key(), fields),
                                          valueText(it.key(), it.value(), fields)));
        return lines.join(QLatin1Char('\n'));
    }
    default:
        break;
    }
    if (const std::optional<QStringList> items = listItems(value))
        return items->join(QLatin1Char('\n'));
    return value.toString();
}

std::optional<QString> JobDetailsFormat::typedText(JobField::Type type, const JobField *field,
                                                   const QVariant &value) {
    bool isNumber = false;
    const double number = value.toDouble(&isNumber);
    switch (type) {
    case JobField::Type::Flag:
        return value.toBool() ? tr("Yes") : tr("No");
    case JobField::Type::Identifier:
        return isNumber ? std::optional(QString::number(qint64(number))) : std::nullopt;
    case JobField::Type::Count:
        return isNumber ? std::optional(QLocale().toString(qint64(number))) : std::nullopt;
    case JobField::Type::Bytes:
        return isNumber ? std::optional(HumanFormat::bytes(qint64(number))) : std::nullopt;
    case JobField::Type::Seconds:
        // Stored as a whole or a fractional number, depending on where it came from.
        return isNumber ? std::optional(HumanFormat::duration(qRound64(number))) : std::nullopt;
    case JobField::Type::Pixels:
        if (isNumber && number <= 0)
            return tr("Not limited");
        return isNumber ? std::optional(QLocale().toString(qint64(number))) : std::nullopt;
    case JobField::Type::Choice:
        for (const JobField::Choice &choice : field->choices) {
            if (choice.value == value.toString())
                return fieldWords(choice.words);
        }
        return std::nullopt;
    case JobField::Type::Text:
    case JobField::Type::Path:
        break;
    }
    return std::nullopt;
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

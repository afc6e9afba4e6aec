#include "details/jobdetailsformat.h"

#include "job/humanformat.h"

#include <QDir>
#include <QLocale>

#include <algorithm>
#include <iterator>

namespace {

// Keys whose numbers are sizes in bytes, in the kinds' parameters and results.
bool isByteCount(const QString &key) {
    return key == QLatin1String("bytes") || key.endsWith(QLatin1String("_bytes"));
}

struct KnownKey {
    const char *key;
    const char *label;
};

// In the order they are shown; labels through tr() where they are used.
constexpr KnownKey knownKeys[] = {
    // What runs, on what, and where it goes.
    {"program", QT_TRANSLATE_NOOP("JobDetailsFormat", "Program")},
    {"arguments", QT_TRANSLATE_NOOP("JobDetailsFormat", "Arguments")},
    {"cwd", QT_TRANSLATE_NOOP("JobDetailsFormat", "Working folder")},
    {"env", QT_TRANSLATE_NOOP("JobDetailsFormat", "Environment")},
    {"sources", QT_TRANSLATE_NOOP("JobDetailsFormat", "Sources")},
    {"paths", QT_TRANSLATE_NOOP("JobDetailsFormat", "Paths")},
    {"base_dir", QT_TRANSLATE_NOOP("JobDetailsFormat", "Base folder")},
    {"destination", QT_TRANSLATE_NOOP("JobDetailsFormat", "Destination")},
    {"output", QT_TRANSLATE_NOOP("JobDetailsFormat", "Output")},
    // How.
    {"algorithm", QT_TRANSLATE_NOOP("JobDetailsFormat", "Algorithm")},
    {"verify", QT_TRANSLATE_NOOP("JobDetailsFormat", "Verify")},
    {"format", QT_TRANSLATE_NOOP("JobDetailsFormat", "Format")},
    {"quality", QT_TRANSLATE_NOOP("JobDetailsFormat", "Quality")},
    {"max_width", QT_TRANSLATE_NOOP("JobDetailsFormat", "Largest width")},
    {"max_height", QT_TRANSLATE_NOOP("JobDetailsFormat", "Largest height")},
    {"on_conflict", QT_TRANSLATE_NOOP("JobDetailsFormat", "When a file exists")},
    {"strict", QT_TRANSLATE_NOOP("JobDetailsFormat", "Strict")},
    {"ignore_missing", QT_TRANSLATE_NOOP("JobDetailsFormat", "Ignore missing files")},
    {"progress", QT_TRANSLATE_NOOP("JobDetailsFormat", "Progress from output")},
    {"grace_seconds", QT_TRANSLATE_NOOP("JobDetailsFormat", "Time to stop before SIGKILL")},
    {"log_file", QT_TRANSLATE_NOOP("JobDetailsFormat", "Log file")},
    // Results.
    {"exit_code", QT_TRANSLATE_NOOP("JobDetailsFormat", "Exit code")},
    {"signal", QT_TRANSLATE_NOOP("JobDetailsFormat", "Signal")},
    {"pid", QT_TRANSLATE_NOOP("JobDetailsFormat", "Process ID")},
    {"lines", QT_TRANSLATE_NOOP("JobDetailsFormat", "Lines of output")},
    {"log_truncated", QT_TRANSLATE_NOOP("JobDetailsFormat", "Log cut short")},
    {"stderr_tail", QT_TRANSLATE_NOOP("JobDetailsFormat", "Last lines of stderr")},
    {"files", QT_TRANSLATE_NOOP("JobDetailsFormat", "Files")},
    {"folders", QT_TRANSLATE_NOOP("JobDetailsFormat", "Folders")},
    {"links", QT_TRANSLATE_NOOP("JobDetailsFormat", "Links")},
    {"specials", QT_TRANSLATE_NOOP("JobDetailsFormat", "Special files")},
    {"bytes", QT_TRANSLATE_NOOP("JobDetailsFormat", "Size")},
    {"ok", QT_TRANSLATE_NOOP("JobDetailsFormat", "Matched")},
    {"converted", QT_TRANSLATE_NOOP("JobDetailsFormat", "Converted")},
};

const KnownKey *known(const QString &key) {
    for (const KnownKey &entry : knownKeys) {
        if (key == QLatin1String(entry.key))
            return &entry;
    }
    return nullptr;
}

int rankOf(const QString &key) {
    const KnownKey *entry = known(key);
    return entry ? int(entry - knownKeys) : int(std::size(knownKeys));
}

// Numbers that are not counts: no group separators ("Process ID 4018").
bool isIdentifier(const QString &key) {
    return key == QLatin1String("pid") || key == QLatin1String("exit_code") ||
           key == QLatin1String("signal");
}

} // namespace

bool JobDetailsFormat::isPathParameter(const QString &key, const QVariant &value) {
    // The kinds' keys for paths (see each kind's params header). A hash job's
    // "verify" is the manifest it checks; a copy's "verify" is a yes or no.
    if (key == QLatin1String("verify"))
        return value.typeId() == QMetaType::QString;
    for (const char *pathKey :
         {"paths", "sources", "destination", "output", "cwd", "log_file", "base_dir"}) {
        if (key == QLatin1String(pathKey))
            return true;
    }
    return false;
}

QString JobDetailsFormat::absolutePath(const QString &path, const QString &baseDir) {
    if (path.isEmpty() || QDir::isAbsolutePath(path))
        return QDir::cleanPath(path);
    return QDir::cleanPath(
        QDir(baseDir.isEmpty() ? QDir::currentPath() : baseDir).absoluteFilePath(path));
}

QStringList JobDetailsFormat::orderedKeys(const QVariantMap &values) {
    QStringList keys = values.keys(); // by name already
    std::stable_sort(keys.begin(), keys.end(),
                     [](const QString &a, const QString &b) { return rankOf(a) < rankOf(b); });
    return keys;
}

QString JobDetailsFormat::keyLabel(const QString &key) {
    if (const KnownKey *entry = known(key))
        return tr(entry->label);
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
    // Stored as a whole or a fractional number, depending on where it came from.
    if (key == QLatin1String("grace_seconds") && value.canConvert<double>())
        return HumanFormat::duration(qRound64(value.toDouble()));
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
        if (isIdentifier(key))
            return QString::number(value.toLongLong());
        if ((key == QLatin1String("max_width") || key == QLatin1String("max_height")) &&
            value.toLongLong() <= 0)
            return tr("Not limited");
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
            lines.append(tr("%1: %2").arg(keyLabel(it.key()), valueText(it.key(), it.value())));
        return lines.join(QLatin1Char('\n'));
    }
    default:
        break;
    }
    if (const std::optional<QStringList> items = listItems(value))
        return items->join(QLatin1Char('\n'));
    if (key == QLatin1String("on_conflict")) {
        const QString policy = value.toString();
        if (policy == QLatin1String("skip"))
            return tr("Keep it, skip the copy");
        if (policy == QLatin1String("rename"))
            return tr("Keep both, the copy renamed");
        if (policy == QLatin1String("overwrite"))
            return tr("Replace it");
    }
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

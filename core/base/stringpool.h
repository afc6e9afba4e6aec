#pragma once

#include <QSet>
#include <QString>
#include <QVariant>
#include <QVariantMap>

// Makes equal strings share one copy (Qt's implicit sharing): what a long
// history repeats in every job (parameter names, a working folder, a program,
// "Exited with code 0") is then stored once instead of once per job. Used
// while many values are built at once (loading the store's history); once
// the pool is gone the sharing stays.
//
// Not thread-safe; any thread.
class StringPool {
public:
    // The pooled copy equal to text (text itself the first time).
    QString intern(const QString &text);
    // The same map with its keys and every string inside (in values, string
    // lists, lists and maps) pooled; other values unchanged.
    QVariantMap intern(const QVariantMap &map);
    QVariant intern(const QVariant &value);

private:
    QSet<QString> m_strings;
};

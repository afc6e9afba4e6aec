#pragma once

#include "job/jobtypes.h"

#include <QCoreApplication>
#include <QLocale>
#include <QString>

// Turns raw job figures into short text for a person: sizes, counts, rates,
// durations and percentages, in the default QLocale (decimal and group
// separators follow it; sizes in SI units, base 1000).
// Plain functions on values; any thread.
class HumanFormat {
    Q_DECLARE_TR_FUNCTIONS(HumanFormat)
public:
    // "512 bytes", "1.5 kB", "38.2 GB": SI units (1 kB = 1,000 bytes), as disks
    // are sold and as GNOME and KDE show sizes. Every size Taskdeck shows, in a
    // summary, a progress line or an error, goes through here, so one pane
    // never mixes MB and MiB.
    static QString bytes(qint64 bytes, const QLocale &locale = QLocale());
    // A quantity in its unit: bytes as above, "12 files", "12" for items, a
    // media time ("2:03"); empty for a percentage (the percentage says it).
    static QString quantity(qint64 value, ProgressUnit unit);
    // Done out of total: "1.2 GB / 4.0 GB", "512 / 999 bytes", "12 / 340 files", "12 / 340",
    // "1:23 / 10:00"; just the done part when the total is unknown (< 0); empty
    // for a percentage.
    static QString doneOfTotal(qint64 done, qint64 total, ProgressUnit unit);
    // A rate per second: "230.4 MB/s", "12 files/s", "3.5 items/s", "1.9x" for
    // media time; empty for a percentage.
    static QString speed(double perSecond, ProgressUnit unit);
    // Milliseconds of media as players show a position: "2:03", "1:02:03".
    static QString mediaTime(qint64 milliseconds);
    // A time span, two most significant parts: "45s", "3m 05s", "1h 02m", "2d 03h".
    static QString duration(qint64 seconds);
    // A fraction 0..1 as a whole percent, "42%"; clamped; empty when < 0 (unknown).
    static QString percent(double fraction);
};

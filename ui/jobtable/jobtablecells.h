#pragma once

#include "job/jobsnapshot.h"

#include <QCoreApplication>
#include <QVariant>

// What each cell of JobTableModel shows, from a snapshot alone: the display
// text, the raw value (for sorting and delegates) and the tooltip, by column
// (JobTableModel::Column). Times are shown in local time, QLocale's short
// format. Elapsed is measured against the current time while a job runs or is
// paused, so calling again later may give a larger value.
// Plain functions on values; GUI thread (tr()).
class JobTableCells {
    Q_DECLARE_TR_FUNCTIONS(JobTableCells)
public:
    // kindText: what the Kind column shows for the job's kind (its display name).
    static QVariant display(const JobSnapshot &job, int column, const QString &kindText);
    static QVariant raw(const JobSnapshot &job, int column);
    static QVariant toolTip(const JobSnapshot &job, int column);
    static bool isRightAligned(int column);

    // Seconds of the latest run: to its end, or to now while running or paused;
    // -1 when the job has not started (or is queued again after a retry).
    static qint64 elapsedSeconds(const JobSnapshot &job);
    // True while elapsedSeconds() grows with time.
    static bool elapsedTicks(const JobSnapshot &job);
    static QString dateTimeText(const QDateTime &time);
};

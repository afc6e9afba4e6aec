#include "jobtable/jobtablecells.h"

#include "job/humanformat.h"
#include "jobtable/jobtablemodel.h"

#include <QLocale>

namespace {

// A finished job is complete even when its kind never learned a total.
double shownFraction(const JobSnapshot &job) {
    return job.state == JobState::Succeeded ? 1.0 : job.fraction();
}

bool showsRate(const JobSnapshot &job) {
    return job.state == JobState::Running;
}

// finishedAt survives a retry until the next run ends: only a finished job has one.
QDateTime finishedAt(const JobSnapshot &job) {
    return isFinished(job.state) ? job.finishedAt : QDateTime();
}

} // namespace

bool JobTableCells::elapsedTicks(const JobSnapshot &job) {
    return job.startedAt.isValid() && job.hasRunUnderWay();
}

qint64 JobTableCells::elapsedSeconds(const JobSnapshot &job) {
    if (!job.startedAt.isValid())
        return -1;
    if (elapsedTicks(job))
        return std::max<qint64>(0, job.startedAt.secsTo(QDateTime::currentDateTimeUtc()));
    const QDateTime end = finishedAt(job);
    // A job canceled before it ever ran has no run to measure.
    if (!end.isValid() || end < job.startedAt)
        return -1;
    return job.startedAt.secsTo(end);
}

QString JobTableCells::dateTimeText(const QDateTime &time) {
    return time.isValid() ? QLocale().toString(time.toLocalTime(), QLocale::ShortFormat)
                          : QString();
}

bool JobTableCells::isRightAligned(int column) {
    switch (column) {
    case JobTableModel::DoneColumn:
    case JobTableModel::SpeedColumn:
    case JobTableModel::EtaColumn:
    case JobTableModel::ElapsedColumn:
    case JobTableModel::IdColumn:
        return true;
    default:
        return false;
    }
}

QVariant JobTableCells::display(const JobSnapshot &job, int column, const QString &kindText) {
    switch (column) {
    case JobTableModel::TitleColumn:
        return job.spec.title;
    case JobTableModel::IdColumn:
        return QString::number(job.id); // as the shell prints it, no grouping
    case JobTableModel::StateColumn:
        return JobTableModel::stateText(job.state);
    case JobTableModel::ProgressColumn:
        // Where a job that has not started has no bar yet: why it has not.
        if (shownFraction(job) < 0 && !job.waitReason.isEmpty())
            return job.waitReason;
        return HumanFormat::percent(shownFraction(job));
    case JobTableModel::DoneColumn:
        if (job.total < 0 && job.done == 0)
            return QString();
        return HumanFormat::doneOfTotal(job.done, job.total, job.unit);
    case JobTableModel::SpeedColumn:
        return showsRate(job) && job.speed > 0 ? HumanFormat::speed(job.speed, job.unit)
                                               : QString();
    case JobTableModel::EtaColumn:
        return showsRate(job) && job.etaSeconds >= 0 ? HumanFormat::duration(job.etaSeconds)
                                                     : QString();
    case JobTableModel::ElapsedColumn: {
        const qint64 seconds = elapsedSeconds(job);
        return seconds >= 0 ? HumanFormat::duration(seconds) : QString();
    }
    case JobTableModel::KindColumn:
        return kindText;
    case JobTableModel::PriorityColumn:
        return JobTableModel::priorityText(job.spec.priority);
    case JobTableModel::AddedColumn:
        return dateTimeText(job.addedAt);
    case JobTableModel::FinishedColumn:
        return dateTimeText(finishedAt(job));
    default:
        return {};
    }
}

QVariant JobTableCells::raw(const JobSnapshot &job, int column) {
    switch (column) {
    case JobTableModel::TitleColumn:
        return job.spec.title;
    case JobTableModel::StateColumn:
        return int(job.state);
    case JobTableModel::ProgressColumn:
        return shownFraction(job);
    case JobTableModel::DoneColumn:
        return job.done;
    case JobTableModel::SpeedColumn:
        return showsRate(job) ? job.speed : 0.0;
    case JobTableModel::EtaColumn:
        return showsRate(job) ? job.etaSeconds : qint64(-1);
    case JobTableModel::ElapsedColumn:
        return elapsedSeconds(job);
    case JobTableModel::KindColumn:
        return job.spec.kind;
    case JobTableModel::PriorityColumn:
        return int(job.spec.priority);
    case JobTableModel::AddedColumn:
        return job.addedAt;
    case JobTableModel::FinishedColumn:
        return finishedAt(job);
    case JobTableModel::IdColumn:
        return qulonglong(job.id);
    default:
        return {};
    }
}

QVariant JobTableCells::toolTip(const JobSnapshot &job, int column) {
    switch (column) {
    case JobTableModel::TitleColumn:
        return job.status.isEmpty() ? job.spec.title : tr("%1\n%2").arg(job.spec.title, job.status);
    case JobTableModel::StateColumn:
        switch (job.state) {
        case JobState::Waiting:
        case JobState::Queued:
            return job.waitReason;
        case JobState::Running:
            return job.status;
        case JobState::Succeeded:
            return job.result.summary;
        case JobState::Failed:
        case JobState::Canceled:
        case JobState::Interrupted:
            return job.result.error;
        case JobState::Paused:
            break;
        }
        return {};
    case JobTableModel::AddedColumn:
        return job.addedAt.isValid()
                   ? QLocale().toString(job.addedAt.toLocalTime(), QLocale::LongFormat)
                   : QString();
    case JobTableModel::FinishedColumn: {
        const QDateTime end = finishedAt(job);
        return end.isValid() ? QLocale().toString(end.toLocalTime(), QLocale::LongFormat)
                             : QString();
    }
    default:
        return {};
    }
}

#pragma once

#include <QElapsedTimer>
#include <QList>
#include <QPair>
#include <QString>

struct JobSnapshot;

// The whole queue's progress as one figure, for the status bar and the tray:
// how far along it is (every job that is not canceled weighs the same; a
// finished job counts as complete, a running one by its own fraction), how fast
// bytes (or else files) move in total, and when the queue should be done.
//
// The ETA is the latest ETA of the running jobs when nothing waits behind them;
// with jobs still waiting it is extrapolated from how fast the overall fraction
// grew over the last half minute (never less than the latest running ETA). It
// is unknown (-1) while any running job does not know its own, and until the
// fraction has grown.
//
// Use: now and then (a few times a second at most) call beginUpdate(), addJob()
// for every job, endUpdate(); it keeps a short history for the rate. Reads
// snapshots only, so callers pass the table model's cached rows rather than
// asking the queue for ten thousand fresh copies. GUI thread; not thread-safe.
class QueueProgress {
public:
    void beginUpdate();
    void addJob(const JobSnapshot &job);
    void endUpdate();

    int jobCount() const { return m_counted; }     // jobs that count (not canceled)
    double fraction() const { return m_fraction; } // 0..1; 0 when nothing counts
    bool active() const { return m_unfinished > 0; }
    double bytesPerSecond() const { return m_bytesPerSecond; }
    double filesPerSecond() const { return m_filesPerSecond; }
    qint64 etaSeconds() const { return m_etaSeconds; } // -1: unknown

    // "43% · 12.3 MB/s · 5m left", or "" when nothing is unfinished.
    QString text() const;

private:
    qint64 extrapolatedEta(qint64 nowMs);

    struct Totals {
        int counted = 0;
        int unfinished = 0;
        int waiting = 0;
        int running = 0;
        double completed = 0;
        double bytesPerSecond = 0;
        double filesPerSecond = 0;
        qint64 runningEta = -1;
        bool runningEtaKnown = true;
    };
    Totals m_totals; // being summed between beginUpdate() and endUpdate()

    int m_counted = 0;
    int m_unfinished = 0;
    double m_fraction = 0;
    double m_bytesPerSecond = 0;
    double m_filesPerSecond = 0;
    qint64 m_etaSeconds = -1;
    QElapsedTimer m_clock;
    QList<QPair<qint64, double>> m_history; // (ms since m_clock started, fraction)
};

#pragma once

#include "job/jobresult.h"
#include "kinds/copy/copycheckpoints.h"
#include "kinds/copy/copyjobparams.h"
#include "kinds/copy/copyscanner.h"
#include "kinds/copy/copytally.h"
#include "kinds/copy/filecopier.h"

#include <QByteArray>
#include <QHash>
#include <QList>

#include <mutex>
#include <optional>
#include <vector>

class JobContext;

// One run of a copy job (CopyJobKind says what a copy does), in phases:
// 1. scan the sources (CopyScanner);
// 2. plan, in scan order: create the folders (parents before children) and
//    sort the other entries into those to copy and those that are further
//    names of a file copied first (hard links); entries an interrupted run
//    finished count as copied again (CopyCheckpoints);
// 3. copy the files, links and special files, several at once on the
//    context's pool: with many small files the time goes into per-file system
//    calls, which two threads overlap (cp -a runs one);
// 4. link the further names of hard-linked files to their first name's copy
//    (one at a time: a link costs one system call);
// 5. set the owner, mode, extended attributes, ACLs and times of the folders
//    it created, deepest first (their contents no longer change them).
//
// Thread: made and run on the job's thread; phase 3 also runs on helpers.
class CopyRun {
public:
    CopyRun(JobContext &context, const CopyJobParams &params);
    CopyRun(const CopyRun &) = delete;
    CopyRun &operator=(const CopyRun &) = delete;

    JobResult run();

private:
    bool plan();
    void planFolder(qsizetype index, const QByteArray &parent);
    void planOther(qsizetype index, const QByteArray &parent);
    QByteArray makeFolder(const CopyScanner::Entry &entry, const QByteArray &parent, bool *created);
    bool copyAll();
    bool linkAll();
    // Copies or links entry index with the policy's copier, or over the stale
    // copy an interrupted run left (with an overwriting one).
    FileCopier::Outcome copyOne(qsizetype index, FileCopier &policyCopier,
                                std::optional<FileCopier> &overwriter, FileCopier **used);
    // Counts what became of entry index. Under m_mutex when workers run.
    void settle(qsizetype index, const FileCopier &copier, FileCopier::Outcome outcome);
    void finishFolders();
    const QByteArray &parentOf(const CopyScanner::Entry &entry) const;
    // The share of the progress total an entry stands for.
    qint64 owed(const CopyScanner::Entry &entry) const;

    JobContext &m_context;
    const CopyJobParams &m_params;
    const QByteArray m_destination;
    CopyScanner m_scanner;
    CopyTally m_tally;
    CopyCheckpoints m_checkpoints;
    // Per entry: for a folder, the folder its contents go into (empty: they are
    // skipped); for the rest, where its copy is once made (the first name of a
    // hard-linked file is what the further names link to).
    std::vector<QByteArray> m_targets;
    QList<qsizetype> m_createdFolders;
    QList<qsizetype> m_toCopy;
    QList<qsizetype> m_toLink;
    QHash<qsizetype, QByteArray> m_replace; // entry -> this job's stale copy to overwrite
    std::mutex m_mutex;
};

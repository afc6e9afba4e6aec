#include "kinds/copy/copyrun.h"

#include "job/jobcontext.h"
#include "kinds/common/poolfanout.h"
#include "kinds/copy/extendedattributes.h"

#include <QFile>
#include <QThread>

#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

QString decode(const QByteArray &path) {
    return QFile::decodeName(path);
}

QByteArray join(const QByteArray &folder, const QByteArray &name) {
    return folder.endsWith('/') ? folder + name : folder + '/' + name;
}

JobResult canceled() {
    return JobResult::failure(QStringLiteral("canceled"));
}

} // namespace

CopyRun::CopyRun(JobContext &context, const CopyJobParams &params)
    : m_context(context)
    , m_params(params)
    , m_destination(QFile::encodeName(params.destination))
    , m_checkpoints(context) {}

const QByteArray &CopyRun::parentOf(const CopyScanner::Entry &entry) const {
    return entry.parent < 0 ? m_destination : m_targets[size_t(entry.parent)];
}

qint64 CopyRun::owed(const CopyScanner::Entry &entry) const {
    // A further name of a file is a link: no bytes (the scan's total agrees).
    if (entry.type != CopyScanner::Type::File || entry.linkOf >= 0)
        return 0;
    return entry.info.st_size;
}

JobResult CopyRun::run() {
    m_context.setStatus(QStringLiteral("Scanning…"));
    if (!m_scanner.scan(m_params.sources, [this] { return m_context.checkpoint(); }))
        return canceled();
    for (const CopyScanner::Problem &problem : m_scanner.problems())
        m_tally.fail(problem.path, problem.error, m_context);
    // The data's size, with or without verification (FileCopier scales its passes).
    m_context.setTotal(m_scanner.totalBytes(), ProgressUnit::Bytes);
    m_context.setStatus(QStringLiteral("Copying…"));
    m_targets.resize(size_t(m_scanner.entries().size()));

    if (!plan())
        return canceled();
    m_checkpoints.logResumed();
    if (!copyAll() || !linkAll())
        return canceled();
    m_context.setStatus(QStringLiteral("Setting folder times…"));
    finishFolders();

    JobResult result = m_tally.result();
    m_context.setStatus(result.summary);
    return result;
}

bool CopyRun::plan() {
    const QList<CopyScanner::Entry> &entries = m_scanner.entries();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        if (!m_context.checkpoint())
            return false;
        const CopyScanner::Entry &entry = entries[i];
        const QByteArray &parent = parentOf(entry);
        if (parent.isEmpty()) { // inside a skipped or failed folder
            m_context.addDone(owed(entry));
            continue;
        }
        if (entry.type == CopyScanner::Type::Folder)
            planFolder(i, parent);
        else
            planOther(i, parent);
    }
    return true;
}

void CopyRun::planFolder(qsizetype index, const QByteArray &parent) {
    const CopyScanner::Entry &entry = m_scanner.entries()[index];
    QByteArray &target = m_targets[size_t(index)];
    bool created = false;
    if (const auto earlier = m_checkpoints.reusableFolder(entry, parent)) {
        // Created by the interrupted run: still this job's to finish.
        target = *earlier;
        created = true;
        m_tally.createdFolder(entry, target, join(parent, entry.name));
    } else {
        target = makeFolder(entry, parent, &created);
        if (created)
            m_checkpoints.recordFolder(entry, target);
    }
    if (created)
        m_createdFolders.append(index);
}

void CopyRun::planOther(qsizetype index, const QByteArray &parent) {
    const CopyScanner::Entry &entry = m_scanner.entries()[index];
    const CopyCheckpoints::Earlier earlier = m_checkpoints.earlierCopy(entry, parent);
    if (earlier.verdict == CopyCheckpoints::Earlier::Verdict::Reuse) {
        m_context.addDone(owed(entry));
        m_tally.copied(entry, earlier.path, parent);
        m_targets[size_t(index)] = earlier.path;
        return;
    }
    if (earlier.verdict == CopyCheckpoints::Earlier::Verdict::Replace)
        m_replace.insert(index, earlier.path);
    (entry.linkOf < 0 ? m_toCopy : m_toLink).append(index);
}

// Creates the folder for a Folder entry; returns where its contents go, or an
// empty path when they are skipped.
QByteArray CopyRun::makeFolder(const CopyScanner::Entry &entry, const QByteArray &parent,
                               bool *created) {
    *created = false;
    const QByteArray wanted = join(parent, entry.name);
    QByteArray target = wanted;
    struct stat existing {};
    if (::lstat(target.constData(), &existing) == 0 && S_ISDIR(existing.st_mode))
        return target; // merge, as cp does
    const CopyJobParams::Conflict policy = m_params.onConflict;
    for (int n = 2;; ++n) {
        // Owner-only until its contents are written; the source's mode comes last.
        if (::mkdir(target.constData(), 0700) == 0) {
            *created = true;
            m_tally.createdFolder(entry, target, wanted);
            return target;
        }
        if (errno != EEXIST || policy != CopyJobParams::Conflict::Rename)
            break;
        target = join(parent, FileCopier::numberedName(entry.name, n));
    }
    if (errno == EEXIST && policy == CopyJobParams::Conflict::Skip) {
        m_tally.skip(entry.source);
    } else if (errno == EEXIST) {
        m_tally.fail(entry.source,
                     QStringLiteral("cannot overwrite %1 with the folder %2: it is not a folder")
                         .arg(decode(target), decode(entry.source)),
                     m_context);
    } else {
        m_tally.fail(entry.source,
                     QStringLiteral("cannot create the folder %1: %2")
                         .arg(decode(target), FileHasher::describeErrno(errno)),
                     m_context);
    }
    return {};
}

FileCopier::Outcome CopyRun::copyOne(qsizetype index, FileCopier &policyCopier,
                                     std::optional<FileCopier> &overwriter, FileCopier **used) {
    const CopyScanner::Entry &entry = m_scanner.entries()[index];
    const QByteArray &parent = parentOf(entry);
    // The first name's copy, for a further name of a hard-linked file (none
    // when the first could not be copied: then this one is copied instead).
    const QByteArray linkTo = entry.linkOf < 0 ? QByteArray() : m_targets[size_t(entry.linkOf)];
    CopyScanner::Entry target = entry;
    *used = &policyCopier;
    const auto stale = m_replace.constFind(index);
    if (stale != m_replace.cend()) {
        if (!overwriter)
            overwriter.emplace(m_context, CopyJobParams::Conflict::Overwrite, m_params.verify);
        *used = &*overwriter;
        target.name = stale->mid(stale->lastIndexOf('/') + 1);
    }
    return linkTo.isEmpty() ? (*used)->copy(target, parent) : (*used)->link(target, linkTo, parent);
}

void CopyRun::settle(qsizetype index, const FileCopier &copier, FileCopier::Outcome outcome) {
    const CopyScanner::Entry &entry = m_scanner.entries()[index];
    // Whatever happened, the entry's share of the total is now done.
    m_context.addDone(owed(entry) - copier.reportedProgress());
    switch (outcome) {
    case FileCopier::Outcome::Copied:
        m_checkpoints.recordCopy(entry, copier.finalPath());
        m_tally.copied(entry, copier.finalPath(), parentOf(entry));
        m_targets[size_t(index)] = copier.finalPath();
        // A further name copied because the first could not be: the next ones link here.
        if (entry.linkOf >= 0 && m_targets[size_t(entry.linkOf)].isEmpty())
            m_targets[size_t(entry.linkOf)] = copier.finalPath();
        break;
    case FileCopier::Outcome::Skipped:
        m_tally.skip(entry.source);
        break;
    case FileCopier::Outcome::Failed:
        m_tally.fail(entry.source, copier.errorString(), m_context);
        break;
    case FileCopier::Outcome::Stopped:
        break;
    }
}

bool CopyRun::copyAll() {
    std::atomic<qsizetype> next{0};
    std::atomic<bool> stopped{false};
    PoolFanOut::run(m_context.pool(), QThread::idealThreadCount(), m_toCopy.size(), [&] {
        FileCopier policyCopier(m_context, m_params.onConflict, m_params.verify);
        std::optional<FileCopier> overwriter; // for stale copies of an interrupted run
        while (!stopped.load(std::memory_order_relaxed)) {
            const qsizetype k = next.fetch_add(1);
            if (k >= m_toCopy.size())
                return;
            FileCopier *copier = nullptr;
            const FileCopier::Outcome outcome =
                m_context.checkpoint() ? copyOne(m_toCopy[k], policyCopier, overwriter, &copier)
                                       : FileCopier::Outcome::Stopped;
            if (outcome == FileCopier::Outcome::Stopped) {
                stopped = true;
                return;
            }
            std::lock_guard lock(m_mutex);
            settle(m_toCopy[k], *copier, outcome);
        }
    });
    return !stopped;
}

bool CopyRun::linkAll() {
    FileCopier policyCopier(m_context, m_params.onConflict, m_params.verify);
    std::optional<FileCopier> overwriter;
    for (const qsizetype index : std::as_const(m_toLink)) {
        if (!m_context.checkpoint())
            return false;
        FileCopier *copier = nullptr;
        const FileCopier::Outcome outcome = copyOne(index, policyCopier, overwriter, &copier);
        if (outcome == FileCopier::Outcome::Stopped)
            return false;
        settle(index, *copier, outcome);
    }
    return true;
}

void CopyRun::finishFolders() {
    // Deepest first: a folder's contents no longer change its times. The
    // default ACL comes last too, so that the copies inside did not inherit it
    // (they have their sources' ACLs).
    for (auto it = m_createdFolders.crbegin(); it != m_createdFolders.crend(); ++it) {
        const CopyScanner::Entry &entry = m_scanner.entries()[*it];
        const QByteArray &path = m_targets[size_t(*it)];
        const struct stat &info = entry.info;
        if (::geteuid() == 0 && ::lchown(path.constData(), info.st_uid, info.st_gid) != 0) {
            // As cp -a: a folder that cannot keep its owner is still copied.
        }
        ::chmod(path.constData(), info.st_mode & 07777);
        if (const auto failure = ExtendedAttributes::copy(entry.source, path))
            m_tally.fail(entry.source, ExtendedAttributes::describe(*failure, entry.source),
                         m_context);
        const struct timespec times[2] = {info.st_atim, info.st_mtim};
        ::utimensat(AT_FDCWD, path.constData(), times, AT_SYMLINK_NOFOLLOW);
    }
}

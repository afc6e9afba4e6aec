#include "copyjobkind.h"

#include "copycheckpoints.h"
#include "copyjobparams.h"
#include "copyscanner.h"
#include "filecopier.h"
#include "hashalgorithm.h"
#include "jobcontext.h"
#include "poolfanout.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLocale>
#include <QThread>

#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <mutex>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace {

// How many paths the result's lists keep.
constexpr int listedInDetails = 100;

QString decode(const QByteArray &path) {
    return QFile::decodeName(path);
}

QByteArray join(const QByteArray &folder, const QByteArray &name) {
    return folder.endsWith('/') ? folder + name : folder + '/' + name;
}

QString count(qint64 n, const char *one, const char *many) {
    return QStringLiteral("%1 %2").arg(QLocale().toString(n), QLatin1String(n == 1 ? one : many));
}

// The run's tallies and the folders it created (their attributes are set last,
// since writing their contents changes their modification times).
struct Tally {
    qint64 files = 0;
    qint64 folders = 0;
    qint64 links = 0;
    qint64 bytes = 0;
    qint64 skippedCount = 0;
    qint64 renamedCount = 0;
    QStringList skipped;
    QStringList renamed;
    QStringList failed;
    QString firstError;

    void skip(const QByteArray &path) {
        if (++skippedCount <= listedInDetails)
            skipped.append(decode(path));
    }
    void rename(const QByteArray &from, const QByteArray &to) {
        if (++renamedCount <= listedInDetails)
            renamed.append(QStringLiteral("%1 -> %2").arg(decode(from), decode(to)));
    }
    // A File or Symlink entry is now at finalPath in folder.
    void copied(const CopyScanner::Entry &entry, const QByteArray &finalPath,
                const QByteArray &folder) {
        ++(entry.type == CopyScanner::Type::File ? files : links);
        if (entry.type == CopyScanner::Type::File)
            bytes += entry.info.st_size;
        if (finalPath != join(folder, entry.name))
            rename(entry.source, finalPath);
    }
    void fail(const QByteArray &path, const QString &error, JobContext &context) {
        failed.append(decode(path));
        if (firstError.isEmpty())
            firstError = error;
        context.log(error);
    }
};

// Creates the folder for a Folder entry; returns where its contents go, or an
// empty path when they are skipped.
QByteArray makeFolder(const CopyScanner::Entry &entry, const QByteArray &parent,
                      CopyJobParams::Conflict policy, Tally &tally, JobContext &context,
                      bool *created) {
    *created = false;
    QByteArray target = join(parent, entry.name);
    struct stat existing {};
    if (::lstat(target.constData(), &existing) == 0 && S_ISDIR(existing.st_mode))
        return target; // merge, as cp does
    for (int n = 2;; ++n) {
        // Owner-only until its contents are written; the source's mode comes last.
        if (::mkdir(target.constData(), 0700) == 0) {
            *created = true;
            ++tally.folders;
            if (n > 2)
                tally.rename(entry.source, target);
            return target;
        }
        if (errno != EEXIST || policy != CopyJobParams::Conflict::Rename)
            break;
        target = join(parent, FileCopier::numberedName(entry.name, n));
    }
    if (errno == EEXIST && policy == CopyJobParams::Conflict::Skip) {
        tally.skip(entry.source);
    } else if (errno == EEXIST) {
        tally.fail(entry.source,
                   QStringLiteral("cannot overwrite %1 with the folder %2: it is not a folder")
                       .arg(decode(target), decode(entry.source)),
                   context);
    } else {
        tally.fail(entry.source,
                   QStringLiteral("cannot create the folder %1: %2")
                       .arg(decode(target), FileHasher::describeErrno(errno)),
                   context);
    }
    return {};
}

void finishFolder(const QByteArray &path, const struct stat &info) {
    if (::geteuid() == 0 && ::lchown(path.constData(), info.st_uid, info.st_gid) != 0) {
        // As cp -a: a folder that cannot keep its owner is still copied.
    }
    ::chmod(path.constData(), info.st_mode & 07777);
    const struct timespec times[2] = {info.st_atim, info.st_mtim};
    ::utimensat(AT_FDCWD, path.constData(), times, AT_SYMLINK_NOFOLLOW);
}

} // namespace

CopyJobKind::CopyJobKind() {
    hashEvpDigest(HashAlgorithm::Sha256);
}

QString CopyJobKind::name() const {
    return QStringLiteral("copy");
}

QString CopyJobKind::displayName() const {
    return QStringLiteral("Copy files and folders");
}

Expected<QVariantMap> CopyJobKind::validate(const QVariantMap &params) const {
    const Expected<CopyJobParams> parsed = CopyJobParams::fromMap(params);
    if (!parsed)
        return Expected<QVariantMap>::failure(parsed.error());
    if (const Status status = parsed->check(); !status)
        return Expected<QVariantMap>::failure(status.error());
    return parsed->toMap();
}

QString CopyJobKind::defaultTitle(const QVariantMap &params) const {
    const Expected<CopyJobParams> parsed = CopyJobParams::fromMap(params);
    if (!parsed)
        return displayName();
    QString title = QStringLiteral("Copy %1").arg(QFileInfo(parsed->sources.first()).fileName());
    if (parsed->sources.size() > 1)
        title += QStringLiteral(" and %1 more").arg(parsed->sources.size() - 1);
    return title + QStringLiteral(" to %1").arg(QFileInfo(parsed->destination).fileName());
}

JobResult CopyJobKind::run(JobContext &context, const QVariantMap &params) const {
    const Expected<CopyJobParams> parsed = CopyJobParams::fromMap(params);
    if (!parsed)
        return JobResult::failure(parsed.error());
    const CopyJobParams &p = *parsed;
    const auto canceled = [] { return JobResult::failure(QStringLiteral("canceled")); };

    context.setStatus(QStringLiteral("Scanning…"));
    CopyScanner scanner;
    if (!scanner.scan(p.sources, [&] { return context.checkpoint(); }))
        return canceled();
    Tally tally;
    for (const CopyScanner::Problem &problem : scanner.problems())
        tally.fail(problem.path, problem.error, context);
    const qint64 passes = p.verify ? 3 : 1;
    context.setTotal(scanner.totalBytes() * passes, ProgressUnit::Bytes);
    context.setStatus(QStringLiteral("Copying…"));

    const QList<CopyScanner::Entry> &entries = scanner.entries();
    const QByteArray destination = QFile::encodeName(p.destination);
    QList<QByteArray> targets(entries.size()); // a folder entry's target; empty: skipped
    QList<int> createdFolders;
    const auto owed = [&](const CopyScanner::Entry &entry) {
        return entry.type == CopyScanner::Type::File ? entry.info.st_size * passes : 0;
    };

    // First the folders, in scan order (parents before children), so every
    // file below has its folder; files and links are only collected here,
    // except those an interrupted run copied, which count as copied again.
    CopyCheckpoints checkpoints(context);
    QList<qsizetype> toCopy;
    QHash<qsizetype, QByteArray> replace; // entry -> this job's stale copy to overwrite
    for (qsizetype i = 0; i < entries.size(); ++i) {
        if (!context.checkpoint())
            return canceled();
        const CopyScanner::Entry &entry = entries[i];
        const QByteArray parent = entry.parent < 0 ? destination : targets[entry.parent];
        if (parent.isEmpty()) { // inside a skipped or failed folder
            context.addDone(owed(entry));
            continue;
        }
        switch (entry.type) {
        case CopyScanner::Type::Folder: {
            bool created = false;
            if (const auto earlier = checkpoints.reusableFolder(entry, parent)) {
                // Created by the interrupted run: still this job's to finish.
                targets[i] = *earlier;
                created = true;
                ++tally.folders;
                if (*earlier != join(parent, entry.name))
                    tally.rename(entry.source, *earlier);
            } else {
                targets[i] = makeFolder(entry, parent, p.onConflict, tally, context, &created);
                if (created)
                    checkpoints.recordFolder(entry, targets[i]);
            }
            if (created)
                createdFolders.append(int(i));
            break;
        }
        case CopyScanner::Type::Special:
            tally.skip(entry.source);
            context.log(QStringLiteral("skipped %1: not a regular file, folder or symbolic link")
                            .arg(decode(entry.source)));
            break;
        case CopyScanner::Type::File:
        case CopyScanner::Type::Symlink: {
            const CopyCheckpoints::Earlier earlier = checkpoints.earlierCopy(entry, parent);
            if (earlier.verdict == CopyCheckpoints::Earlier::Verdict::Reuse) {
                context.addDone(owed(entry));
                tally.copied(entry, earlier.path, parent);
                break;
            }
            if (earlier.verdict == CopyCheckpoints::Earlier::Verdict::Replace)
                replace.insert(i, earlier.path);
            toCopy.append(i);
            break;
        }
        }
    }
    checkpoints.logResumed();

    // Then the files, several at once: with many small files the time goes
    // into per-file system calls, which two threads overlap (cp -a runs one).
    std::atomic<qsizetype> next{0};
    std::atomic<bool> stopped{false};
    std::mutex tallyMutex;
    PoolFanOut::run(context.pool(), QThread::idealThreadCount(), toCopy.size(), [&] {
        FileCopier policyCopier(context, p.onConflict, p.verify);
        std::optional<FileCopier> overwriter; // for stale copies of an interrupted run
        while (!stopped.load(std::memory_order_relaxed)) {
            const qsizetype k = next.fetch_add(1);
            if (k >= toCopy.size())
                return;
            if (!context.checkpoint()) {
                stopped = true;
                return;
            }
            const CopyScanner::Entry &entry = entries[toCopy[k]];
            const QByteArray &parent = entry.parent < 0 ? destination : targets[entry.parent];
            const auto stale = replace.constFind(toCopy[k]);
            FileCopier *copier = &policyCopier;
            FileCopier::Outcome outcome;
            if (stale == replace.cend()) {
                outcome = copier->copy(entry, parent);
            } else {
                if (!overwriter)
                    overwriter.emplace(context, CopyJobParams::Conflict::Overwrite, p.verify);
                copier = &*overwriter;
                CopyScanner::Entry over = entry;
                over.name = stale->mid(stale->lastIndexOf('/') + 1);
                outcome = copier->copy(over, parent);
            }
            if (outcome == FileCopier::Outcome::Stopped) {
                stopped = true;
                return;
            }
            // Whatever happened, the entry's share of the total is now done.
            context.addDone(owed(entry) - copier->reportedProgress());
            std::lock_guard lock(tallyMutex);
            switch (outcome) {
            case FileCopier::Outcome::Copied:
                checkpoints.recordCopy(entry, copier->finalPath());
                tally.copied(entry, copier->finalPath(), parent);
                break;
            case FileCopier::Outcome::Skipped:
                tally.skip(entry.source);
                break;
            case FileCopier::Outcome::Failed:
                tally.fail(entry.source, copier->errorString(), context);
                break;
            case FileCopier::Outcome::Stopped:
                break;
            }
        }
    });
    if (stopped)
        return canceled();

    // Last, deepest first: a folder's contents no longer change its times.
    context.setStatus(QStringLiteral("Setting folder times…"));
    for (auto it = createdFolders.crbegin(); it != createdFolders.crend(); ++it)
        finishFolder(targets[*it], entries[*it].info);

    QString summary =
        count(tally.files + tally.links, "file", "files") +
        QStringLiteral(", %1 copied")
            .arg(QLocale().formattedDataSize(tally.bytes, 1, QLocale::DataSizeSIFormat));
    if (tally.skippedCount > 0)
        summary += QStringLiteral(", %1 skipped").arg(QLocale().toString(tally.skippedCount));
    if (tally.renamedCount > 0)
        summary += QStringLiteral(", %1 renamed").arg(QLocale().toString(tally.renamedCount));
    const QVariantMap details{{QStringLiteral("files"), tally.files},
                              {QStringLiteral("folders"), tally.folders},
                              {QStringLiteral("links"), tally.links},
                              {QStringLiteral("bytes"), tally.bytes},
                              {QStringLiteral("skipped"), tally.skipped},
                              {QStringLiteral("skipped_count"), tally.skippedCount},
                              {QStringLiteral("renamed"), tally.renamed},
                              {QStringLiteral("renamed_count"), tally.renamedCount},
                              {QStringLiteral("failed"), tally.failed}};
    context.setStatus(summary);
    if (tally.failed.isEmpty())
        return JobResult{{}, summary, details};
    QString error = tally.firstError;
    if (tally.failed.size() > 1)
        error += QStringLiteral(", and %1 more could not be copied")
                     .arg(QLocale().toString(tally.failed.size() - 1));
    return JobResult::failure(
        error, summary + QStringLiteral(", %1 failed").arg(QLocale().toString(tally.failed.size())),
        details);
}

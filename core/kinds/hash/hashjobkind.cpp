#include "kinds/hash/hashjobkind.h"

#include "job/humanformat.h"
#include "job/jobcontext.h"
#include "kinds/common/atomicoutputfile.h"
#include "kinds/hash/checksumcheckreport.h"
#include "kinds/hash/checksummanifest.h"
#include "kinds/hash/filescanner.h"
#include "kinds/hash/hashcheckpoints.h"
#include "kinds/hash/hashjobparams.h"
#include "kinds/hash/parallelhasher.h"

#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QtGlobal>

#include <cerrno>
#include <optional>
#include <sys/stat.h>

namespace {

JobResult canceled() {
    return JobResult::failure(QStringLiteral("canceled"));
}

QString decode(const QByteArray &name) {
    return QFile::decodeName(name);
}

// "1,204 files, 38.2 GB" in the user's locale; sizes in SI units, as disks are sold.
QString filesAndBytes(qint64 files, qint64 bytes) {
    const QLocale locale;
    return QStringLiteral("%1 %2, %3")
        .arg(locale.toString(files), files == 1 ? QStringLiteral("file") : QStringLiteral("files"),
             HumanFormat::bytes(bytes, locale));
}

// The files a hash run could not read, named in the log as they come; the
// run fails naming the first, after hashing (and writing) the rest.
class Unreadable {
public:
    void add(JobContext &context, const QByteArray &name, const QString &error) {
        m_names.append(decode(name));
        if (m_firstError.isEmpty())
            m_firstError = error;
        context.log(error);
        context.writeOutput(OutputStream::Diagnostic, error.toUtf8());
    }

    JobResult result(const QString &summary, QVariantMap details) const {
        if (m_names.isEmpty())
            return JobResult{{}, summary, details};
        details.insert(QStringLiteral("unreadable"), m_names);
        QString error = m_firstError;
        if (m_names.size() > 1) {
            error += QStringLiteral(", and %1 more could not be read")
                         .arg(QLocale().toString(m_names.size() - 1));
        }
        return JobResult::failure(
            error,
            summary + QStringLiteral(", %1 unreadable").arg(QLocale().toString(m_names.size())),
            details);
    }

private:
    QStringList m_names;
    QString m_firstError;
};

// The scanned files as ParallelHasher takes them.
void splitFiles(const QList<FileScanner::File> &files, QList<QByteArray> &paths,
                QList<qint64> &sizes) {
    paths.reserve(files.size());
    sizes.reserve(files.size());
    for (const FileScanner::File &file : files) {
        paths.append(file.path);
        sizes.append(file.size);
    }
}

// Files an interrupted run finished and that have not changed since are not
// read again: their recorded digests go into the manifest in turn. Empty
// when the job was canceled meanwhile.
std::optional<ParallelHasher::KnownResults> knownResults(JobContext &context,
                                                         HashCheckpoints &checkpoints,
                                                         const QList<FileScanner::File> &files) {
    ParallelHasher::KnownResults known;
    if (!context.isResuming())
        return known;
    known.resize(size_t(files.size()));
    for (qsizetype i = 0; i < files.size(); ++i) {
        if (i % 1024 == 0 && !context.checkpoint())
            return std::nullopt;
        known[size_t(i)] = checkpoints.reusable(files[i].name, files[i].path);
    }
    checkpoints.logResumed();
    return known;
}

// The title's short name for a path: its last part, keeping a trailing '/'.
QString shortName(const QString &path) {
    QString trimmed = path;
    while (trimmed.size() > 1 && trimmed.endsWith(QLatin1Char('/')))
        trimmed.chop(1);
    const QString name = trimmed == QLatin1String("/") ? trimmed : QFileInfo(trimmed).fileName();
    return path.endsWith(QLatin1Char('/')) && name != QLatin1String("/") ? name + QLatin1Char('/')
                                                                         : name;
}

} // namespace

HashJobKind::HashJobKind() {
    hashEvpDigest(HashAlgorithm::Sha256);
}

QString HashJobKind::name() const {
    return HashJobParams::kindName();
}

QString HashJobKind::displayName() const {
    return QStringLiteral("Hash or verify files");
}

QList<JobField> HashJobKind::fields() const {
    using Type = JobField::Type;
    // The parameters, then what result.details holds.
    return HashJobParams::fields() +
           QList<JobField>{
               {QStringLiteral("files"), QT_TRANSLATE_NOOP("JobField", "Files"), Type::Count},
               {QStringLiteral("bytes"), QT_TRANSLATE_NOOP("JobField", "Size"), Type::Bytes},
               {QStringLiteral("ok"), QT_TRANSLATE_NOOP("JobField", "Matched"), Type::Count},
           };
}

QString HashJobKind::title(const HashJobParams &params) const {
    if (params.mode == HashJobParams::Mode::Verify)
        return QStringLiteral("Verify %1").arg(shortName(params.manifest));
    QString title = QStringLiteral("Hash %1").arg(shortName(params.paths.first()));
    if (params.paths.size() > 1)
        title += QStringLiteral(" and %1 more").arg(params.paths.size() - 1);
    return title;
}

JobResult HashJobKind::runWith(JobContext &context, const HashJobParams &params) const {
    return params.mode == HashJobParams::Mode::Hash ? runHash(context, params)
                                                    : runVerify(context, params);
}

JobResult HashJobKind::runHash(JobContext &context, const HashJobParams &params) {
    const HashAlgorithm algorithm = params.algorithm.value_or(HashAlgorithm::Sha256);
    context.setStatus(QStringLiteral("Scanning…"));
    FileScanner scanner(params.baseDir);
    if (!scanner.scan(params.paths, [&] { return context.checkpoint(); }))
        return canceled();

    Unreadable unreadable;
    for (const FileScanner::Problem &problem : scanner.problems())
        unreadable.add(context, problem.name, problem.error);

    const QList<FileScanner::File> &files = scanner.files();
    QList<QByteArray> paths;
    QList<qint64> sizes;
    splitFiles(files, paths, sizes);
    HashCheckpoints checkpoints(context);
    const std::optional<ParallelHasher::KnownResults> known =
        knownResults(context, checkpoints, files);
    if (!known)
        return canceled();
    context.setTotal(scanner.totalBytes(), ProgressUnit::Bytes);
    context.setStatus(QStringLiteral("Hashing…"));

    // Written as results arrive, in order, beside its final name (a temporary
    // file the job tracks) and renamed only when complete: a canceled or
    // failed write leaves any earlier manifest untouched, and nothing behind.
    std::optional<AtomicOutputFile> output;
    QString writeError;
    if (!params.output.isEmpty()) {
        output.emplace(&context, params.output);
        if (const Status opened = output->open(); !opened)
            return JobResult::failure(opened.error());
    }
    QByteArray manifest;
    qint64 hashedFiles = 0;
    qint64 hashedBytes = 0;
    ParallelHasher hasher(algorithm, context);
    const bool completed = hasher.hashAll(
        paths, sizes,
        [&](qsizetype index, const auto &result) {
            if (!result.error.isEmpty()) {
                unreadable.add(context, files[index].name, result.error);
                return;
            }
            const QByteArray line =
                ChecksumManifest::formatLine(result.digest, files[index].name, algorithm);
            if (!output)
                manifest.append(line);
            else if (const Status written = output->write(line); !written && writeError.isEmpty())
                writeError = written.error();
            ++hashedFiles;
            hashedBytes += result.bytes;
        },
        *known,
        [&](qsizetype index, const auto &result) {
            // As soon as it is hashed, not in manifest order: a run resumed
            // after a restart skips every file finished, however far ahead.
            checkpoints.record(files[index].name, result);
        });
    if (!completed)
        return canceled(); // output's destructor deletes the temporary file

    QVariantMap details{{QStringLiteral("files"), hashedFiles},
                        {QStringLiteral("bytes"), hashedBytes}};
    if (output) {
        context.setStatus(QStringLiteral("Writing the manifest…"));
        const Status committed =
            writeError.isEmpty() ? output->commit() : Status::failure(writeError);
        if (!committed)
            return JobResult::failure(committed.error());
        details.insert(QStringLiteral("output"), params.output);
    } else {
        details.insert(QStringLiteral("manifest"), QString::fromUtf8(manifest));
    }
    const QString summary = filesAndBytes(hashedFiles, hashedBytes);
    context.setStatus(summary);
    return unreadable.result(summary, details);
}

JobResult HashJobKind::runVerify(JobContext &context, const HashJobParams &params) {
    context.setStatus(QStringLiteral("Reading the manifest…"));
    // Opened again, not trusted from validation: the path may have been
    // swapped for a FIFO or a link to a device since the job was queued.
    const Expected<QByteArray> read = HashJobParams::readManifest(params.manifest);
    if (!read)
        return JobResult::failure(read.error());
    const HashAlgorithm algorithm = params.algorithm.value_or(
        ChecksumManifest::detectAlgorithm(*read, params.manifest).value_or(HashAlgorithm::Sha256));
    // Lines that are not checksum lines are skipped (and counted), as
    // sha256sum -c skips them: the rest is still checked.
    const ChecksumManifest::Parsed manifest = ChecksumManifest::parse(*read, algorithm);
    ChecksumCheckReport report(context, params, algorithm, manifest);
    const QList<ChecksumManifest::Entry> &entries = manifest.entries;

    context.setStatus(QStringLiteral("Scanning…"));
    const QByteArray baseDir = QFile::encodeName(params.baseDir);
    QList<qsizetype> checked; // per file to hash: its entry
    QList<QByteArray> paths;
    QList<qint64> sizes;
    qint64 total = 0;
    // Files an interrupted run hashed and that have not changed since are not
    // read again; their verdicts are judged from the recorded digests.
    HashCheckpoints checkpoints(context);
    ParallelHasher::KnownResults known;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        if (i % 1024 == 0 && !context.checkpoint())
            return canceled();
        const QByteArray path = FileScanner::resolve(baseDir, entries[i].name);
        struct stat info {};
        const bool exists = ::stat(path.constData(), &info) == 0;
        // As coreutils, only a file that does not exist is ignored, not one
        // that cannot be read.
        if (!exists && errno == ENOENT && params.ignoreMissing) {
            report.addIgnored(entries[i]);
            continue;
        }
        checked.append(i);
        paths.append(path);
        sizes.append(exists ? qint64(info.st_size) : 0);
        total += sizes.last();
        if (context.isResuming()) {
            known.push_back(exists
                                ? checkpoints.reusable(entries[i].name, FileStamp::fromStat(info))
                                : std::nullopt);
        }
    }
    checkpoints.logResumed();
    context.setTotal(total, ProgressUnit::Bytes);
    context.setStatus(QStringLiteral("Verifying…"));

    ParallelHasher hasher(algorithm, context);
    const bool completed = hasher.hashAll(
        paths, sizes,
        [&](qsizetype index, const auto &result) {
            const ChecksumManifest::Entry &entry = entries[checked[index]];
            if (!result.error.isEmpty())
                report.addUnreadable(entry, result.error, result.bytes);
            else if (result.digest != entry.digest)
                report.addMismatch(entry, result.bytes);
            else
                report.addMatch(entry, result.bytes);
        },
        known,
        [&](qsizetype index, const auto &result) {
            checkpoints.record(entries[checked[index]].name, result);
        });
    if (!completed)
        return canceled();
    return report.finish();
}

#include "hashjobkind.h"

#include "checksummanifest.h"
#include "filescanner.h"
#include "hashcheckpoints.h"
#include "hashjobparams.h"
#include "jobcontext.h"
#include "parallelhasher.h"

#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QSaveFile>

#include <optional>
#include <sys/stat.h>

namespace {

// How many names an error message lists before "and N more".
constexpr int namesInMessage = 3;

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
             locale.formattedDataSize(bytes, 1, QLocale::DataSizeSIFormat));
}

// "a.txt, b.txt, c.txt and 4 more"
QString listNames(const QStringList &names) {
    QString text =
        names.first(qMin<qsizetype>(names.size(), namesInMessage)).join(QStringLiteral(", "));
    if (names.size() > namesInMessage)
        text +=
            QStringLiteral(" and %1 more").arg(QLocale().toString(names.size() - namesInMessage));
    return text;
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
    return QStringLiteral("hash");
}

QString HashJobKind::displayName() const {
    return QStringLiteral("Hash or verify files");
}

Expected<QVariantMap> HashJobKind::validate(const QVariantMap &params) const {
    Expected<HashJobParams> parsed = HashJobParams::fromMap(params);
    if (!parsed)
        return Expected<QVariantMap>::failure(parsed.error());
    if (const Status status = parsed.value().check(); !status)
        return Expected<QVariantMap>::failure(status.error());
    return parsed.value().toMap();
}

QString HashJobKind::defaultTitle(const QVariantMap &params) const {
    const Expected<HashJobParams> parsed = HashJobParams::fromMap(params);
    if (!parsed)
        return displayName();
    if (parsed->mode == HashJobParams::Mode::Verify)
        return QStringLiteral("Verify %1").arg(shortName(parsed->manifest));
    QString title = QStringLiteral("Hash %1").arg(shortName(parsed->paths.first()));
    if (parsed->paths.size() > 1)
        title += QStringLiteral(" and %1 more").arg(parsed->paths.size() - 1);
    return title;
}

JobResult HashJobKind::run(JobContext &context, const QVariantMap &params) const {
    const Expected<HashJobParams> parsed = HashJobParams::fromMap(params);
    if (!parsed)
        return JobResult::failure(parsed.error());
    return parsed->mode == HashJobParams::Mode::Hash ? runHash(context, *parsed)
                                                     : runVerify(context, *parsed);
}

JobResult HashJobKind::runHash(JobContext &context, const HashJobParams &params) {
    const HashAlgorithm algorithm = params.algorithm.value_or(HashAlgorithm::Sha256);
    context.setStatus(QStringLiteral("Scanning…"));
    FileScanner scanner(params.baseDir);
    if (!scanner.scan(params.paths, [&] { return context.checkpoint(); }))
        return canceled();

    QStringList unreadable;
    QString firstError;
    const auto noteUnreadable = [&](const QByteArray &name, const QString &error) {
        unreadable.append(decode(name));
        if (firstError.isEmpty())
            firstError = error;
        context.log(error);
    };
    for (const FileScanner::Problem &problem : scanner.problems())
        noteUnreadable(problem.name, problem.error);

    const QList<FileScanner::File> &files = scanner.files();
    QList<QByteArray> paths;
    QList<qint64> sizes;
    paths.reserve(files.size());
    sizes.reserve(files.size());
    for (const FileScanner::File &file : files) {
        paths.append(file.path);
        sizes.append(file.size);
    }
    // Files an interrupted run finished and that have not changed since are
    // not read again: their recorded digests go into the manifest in turn.
    HashCheckpoints checkpoints(context);
    ParallelHasher::KnownResults known;
    if (context.isResuming()) {
        known.resize(size_t(files.size()));
        for (qsizetype i = 0; i < files.size(); ++i) {
            if (i % 1024 == 0 && !context.checkpoint())
                return canceled();
            known[size_t(i)] = checkpoints.reusable(files[i].name, files[i].path);
        }
        checkpoints.logResumed();
    }
    context.setTotal(scanner.totalBytes(), ProgressUnit::Bytes);
    context.setStatus(QStringLiteral("Hashing…"));

    // Written as results arrive, in order, and committed only when complete:
    // a canceled or failed write leaves any earlier manifest untouched.
    std::optional<QSaveFile> output;
    if (!params.output.isEmpty()) {
        output.emplace(params.output);
        if (!output->open(QIODevice::WriteOnly)) {
            return JobResult::failure(QStringLiteral("cannot write the manifest %1: %2")
                                          .arg(params.output, output->errorString()));
        }
    }
    QByteArray manifest;
    qint64 hashedFiles = 0;
    qint64 hashedBytes = 0;
    ParallelHasher hasher(algorithm, context);
    const bool completed = hasher.hashAll(
        paths, sizes,
        [&](qsizetype index, const auto &result) {
            if (!result.error.isEmpty()) {
                noteUnreadable(files[index].name, result.error);
                return;
            }
            checkpoints.record(files[index].name, result);
            const QByteArray line =
                ChecksumManifest::formatLine(result.digest, files[index].name, algorithm);
            if (output)
                output->write(line); // an error sticks; commit() reports it
            else
                manifest.append(line);
            ++hashedFiles;
            hashedBytes += result.bytes;
        },
        known);
    if (!completed) {
        if (output)
            output->cancelWriting();
        return canceled();
    }

    QVariantMap details{{QStringLiteral("files"), hashedFiles},
                        {QStringLiteral("bytes"), hashedBytes}};
    if (output) {
        context.setStatus(QStringLiteral("Writing the manifest…"));
        if (!output->commit()) {
            return JobResult::failure(QStringLiteral("cannot write the manifest %1: %2")
                                          .arg(params.output, output->errorString()));
        }
        details.insert(QStringLiteral("output"), params.output);
    } else {
        details.insert(QStringLiteral("manifest"), QString::fromUtf8(manifest));
    }
    const QString summary = filesAndBytes(hashedFiles, hashedBytes);
    context.setStatus(summary);
    if (unreadable.isEmpty())
        return JobResult{{}, summary, details};

    details.insert(QStringLiteral("unreadable"), unreadable);
    QString error = firstError;
    if (unreadable.size() > 1) {
        error += QStringLiteral(", and %1 more could not be read")
                     .arg(QLocale().toString(unreadable.size() - 1));
    }
    return JobResult::failure(
        error,
        summary + QStringLiteral(", %1 unreadable").arg(QLocale().toString(unreadable.size())),
        details);
}

JobResult HashJobKind::runVerify(JobContext &context, const HashJobParams &params) {
    context.setStatus(QStringLiteral("Reading the manifest…"));
    // Opened again, not trusted from validation: the path may have been
    // swapped for a FIFO or a link to a device since the job was queued.
    const Expected<QByteArray> read = HashJobParams::readManifest(params.manifest);
    if (!read)
        return JobResult::failure(read.error());
    const QByteArray &data = *read;
    const HashAlgorithm algorithm = params.algorithm.value_or(
        ChecksumManifest::detectAlgorithm(data, params.manifest).value_or(HashAlgorithm::Sha256));
    const auto parsed = ChecksumManifest::parse(data, algorithm, params.manifest);
    if (!parsed)
        return JobResult::failure(parsed.error());
    const QList<ChecksumManifest::Entry> &entries = *parsed;

    context.setStatus(QStringLiteral("Scanning…"));
    const QByteArray baseDir = QFile::encodeName(params.baseDir);
    QList<QByteArray> paths;
    QList<qint64> sizes;
    qint64 total = 0;
    // Files an interrupted run hashed and that have not changed since are not
    // read again; their verdicts are judged from the recorded digests.
    HashCheckpoints checkpoints(context);
    ParallelHasher::KnownResults known;
    if (context.isResuming())
        known.resize(size_t(entries.size()));
    for (const ChecksumManifest::Entry &entry : entries) {
        if (paths.size() % 1024 == 0 && !context.checkpoint())
            return canceled();
        paths.append(FileScanner::resolve(baseDir, entry.name));
        struct stat info {};
        const bool exists = ::stat(paths.last().constData(), &info) == 0;
        sizes.append(exists ? qint64(info.st_size) : 0);
        total += sizes.last();
        if (!known.empty() && exists) {
            known[size_t(paths.size() - 1)] =
                checkpoints.reusable(entry.name, FileStamp::fromStat(info));
        }
    }
    checkpoints.logResumed();
    context.setTotal(total, ProgressUnit::Bytes);
    context.setStatus(QStringLiteral("Verifying…"));

    int ok = 0;
    qint64 bytes = 0;
    QStringList mismatched;
    QStringList missing;
    QStringList bad; // both, in manifest order, for the message
    ParallelHasher hasher(algorithm, context);
    const bool completed = hasher.hashAll(
        paths, sizes,
        [&](qsizetype index, const auto &result) {
            const ChecksumManifest::Entry &entry = entries[index];
            checkpoints.record(entry.name, result);
            bytes += result.bytes;
            QByteArrayView status = "OK";
            if (!result.error.isEmpty()) {
                status = "FAILED open or read";
                missing.append(decode(entry.name));
                bad.append(missing.last());
            } else if (result.digest != entry.digest) {
                status = "FAILED";
                mismatched.append(decode(entry.name));
                bad.append(mismatched.last());
            } else {
                ++ok;
            }
            context.log(decode(ChecksumManifest::formatCheckLine(entry.name, status)));
        },
        known);
    if (!completed)
        return canceled();

    const QVariantMap details{{QStringLiteral("ok"), ok},
                              {QStringLiteral("mismatched"), mismatched},
                              {QStringLiteral("missing"), missing},
                              {QStringLiteral("files"), qint64(entries.size())},
                              {QStringLiteral("bytes"), bytes}};
    const QLocale locale;
    QString summary = filesAndBytes(entries.size(), bytes);
    summary += mismatched.size() == 1
                   ? QStringLiteral(", 1 mismatch")
                   : QStringLiteral(", %1 mismatches").arg(locale.toString(mismatched.size()));
    if (!missing.isEmpty())
        summary += QStringLiteral(", %1 missing").arg(locale.toString(missing.size()));
    context.setStatus(summary);
    if (bad.isEmpty())
        return JobResult{{}, summary, details};
    const QString error =
        QStringLiteral("%1 of %2 files did not match: %3")
            .arg(locale.toString(bad.size()), locale.toString(entries.size()), listNames(bad));
    return JobResult::failure(error, summary, details);
}

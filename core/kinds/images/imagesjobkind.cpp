#include "kinds/images/imagesjobkind.h"

#include "job/jobcontext.h"
#include "kinds/common/filestamp.h"
#include "kinds/common/poolfanout.h"
#include "kinds/common/resumetally.h"
#include "kinds/images/imageconverter.h"
#include "kinds/images/imagesjobparams.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QLocale>
#include <QThread>
#include <QtGlobal>

#include <algorithm>
#include <atomic>
#include <functional>
#include <optional>
#include <sys/stat.h>
#include <vector>

namespace {

struct Item {
    QString source;      // absolute
    QString destination; // absolute
};

// Files are listed in folder-sorted order; this many between checkpoints.
constexpr int scanCheckEvery = 256;

JobResult canceled() {
    return JobResult::failure(QStringLiteral("canceled"));
}

QString plural(qint64 count, const QString &one, const QString &many) {
    return QStringLiteral("%1 %2").arg(QLocale().toString(count), count == 1 ? one : many);
}

// Drops the items whose output is one of the job's inputs (the same inode,
// links followed): validation catches it for the files named, this for those
// found in folders. skip() is told why.
QList<Item> withoutOverwritingInputs(const QList<Item> &items,
                                     const std::function<void(const Item &, QString)> &skip) {
    QHash<QPair<quint64, quint64>, QString> inputs;
    struct stat info {};
    for (const Item &item : items) {
        if (::stat(QFile::encodeName(item.source).constData(), &info) == 0)
            inputs.insert({info.st_dev, info.st_ino}, item.source);
    }
    QList<Item> kept;
    for (const Item &item : items) {
        const auto input = ::stat(QFile::encodeName(item.destination).constData(), &info) == 0
                               ? inputs.constFind({info.st_dev, info.st_ino})
                               : inputs.cend();
        if (input == inputs.cend())
            kept.append(item);
        else
            skip(item, QStringLiteral("would overwrite the input %1").arg(*input));
    }
    return kept;
}

// The checkpoint value for a converted item: the source's stamp before it was
// read, and the output path.
QString checkpointValue(const FileStamp &source, const QString &destination) {
    return source.toString() + QLatin1Char(':') + destination;
}

// What an interrupted run left for item that still stands: the source has the
// recorded stamp and the output is still there. Returns the output's size.
std::optional<qint64> convertedBefore(const JobContext &context, const Item &item) {
    const std::optional<QString> value = context.finishedBefore(item.source);
    if (!value)
        return std::nullopt;
    QStringView destination;
    const FileStamp stamp = FileStamp::fromString(*value, &destination);
    if (!stamp.isValid() || destination != item.destination ||
        stamp != FileStamp::of(QFile::encodeName(item.source)))
        return std::nullopt;
    const QFileInfo output(item.destination);
    if (!output.isFile())
        return std::nullopt;
    return output.size();
}

// One run's items and what became of them. outcomes and done have one slot
// per item, each written by the one worker that took it, and read after
// PoolFanOut::run() returned (it joins every helper).
struct Run {
    JobContext &context;
    QList<Item> items;
    QStringList skipped; // "PATH: reason"
    std::vector<ImageConverter::Outcome> outcomes;
    std::vector<char> done;

    void skip(const QString &path, const QString &reason) {
        skipped.append(QStringLiteral("%1: %2").arg(path, reason));
        context.log(skipped.last());
    }
};

// The files below folder, relative to it, in sorted order; nullopt when canceled.
// Symlinked folders are not followed (no loops); symlinked files are.
std::optional<QStringList> filesBelow(JobContext &context, const QString &path) {
    QStringList relatives;
    const QDir folder(path);
    QDirIterator it(path, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        relatives.append(folder.relativeFilePath(it.next()));
        if (relatives.size() % scanCheckEvery == 0 && !context.checkpoint())
            return std::nullopt;
    }
    std::sort(relatives.begin(), relatives.end());
    return relatives;
}

// Lists the items: each file argument, and the files below each folder one;
// skips those that would land on an output already claimed or on an input.
// False when canceled.
bool plan(Run &run, const ImagesJobParams &p) {
    QHash<QString, QString> sourceOf; // destination -> the source that claimed it
    const auto addFile = [&](const QString &source, const QString &relative) {
        const QString destination = p.outputFor(relative);
        const auto claimed = sourceOf.constFind(destination);
        if (claimed != sourceOf.cend()) {
            run.skip(
                source,
                QStringLiteral("would overwrite %1, written from %2").arg(destination, *claimed));
            return;
        }
        sourceOf.insert(destination, source);
        run.items.append({source, destination});
    };
    for (const QString &path : p.paths) {
        const QFileInfo info(path);
        if (!info.exists()) {
            run.skip(path, QStringLiteral("no such file or directory"));
        } else if (!info.isDir()) {
            addFile(path, info.fileName());
        } else if (const std::optional<QStringList> relatives = filesBelow(run.context, path)) {
            for (const QString &relative : *relatives)
                addFile(QDir(path).filePath(relative), relative);
        } else {
            return false;
        }
    }
    if (!run.context.checkpoint())
        return false;
    run.items = withoutOverwritingInputs(
        run.items, [&](const Item &item, const QString &reason) { run.skip(item.source, reason); });
    return true;
}

// Outputs an interrupted run committed for unchanged sources stand. False when
// canceled.
bool reuseEarlier(Run &run) {
    if (!run.context.isResuming())
        return true;
    ResumeTally tally;
    for (qsizetype i = 0; i < run.items.size(); ++i) {
        if (i % scanCheckEvery == 0 && !run.context.checkpoint())
            return false;
        if (!run.context.finishedBefore(run.items[i].source))
            continue;
        const std::optional<qint64> bytes = convertedBefore(run.context, run.items[i]);
        if (!bytes) {
            tally.addChanged();
            continue;
        }
        tally.addReused();
        run.outcomes[size_t(i)].converted = true;
        run.outcomes[size_t(i)].bytesWritten = *bytes;
        run.done[size_t(i)] = 1;
    }
    run.context.addDone(tally.reused());
    tally.log(run.context, QStringLiteral("converted"));
    return true;
}

// Converts the items not done yet, several at once. False when canceled.
bool convertAll(Run &run, const ImagesJobParams &p) {
    JobContext &context = run.context;
    const ImageConverter converter(
        ImageConverter::Options{p.maxWidth, p.maxHeight, p.format, p.quality});
    std::atomic<qsizetype> next{0};
    std::atomic<bool> stop{false};
    PoolFanOut::run(context.pool(), QThread::idealThreadCount(), run.items.size(), [&] {
        while (!stop.load(std::memory_order_relaxed)) {
            const qsizetype index = next.fetch_add(1);
            if (index >= run.items.size())
                return;
            if (!context.checkpoint()) {
                stop.store(true, std::memory_order_relaxed);
                return;
            }
            if (run.done[size_t(index)]) // converted before a restart
                continue;
            const Item &item = run.items[index];
            const FileStamp stamp = FileStamp::of(QFile::encodeName(item.source));
            ImageConverter::Outcome outcome =
                converter.convert(item.source, item.destination, &context);
            if (!outcome.converted)
                context.log(QStringLiteral("%1: %2").arg(item.source, outcome.reason));
            else if (stamp.isValid())
                context.recordFinished(item.source, checkpointValue(stamp, item.destination));
            run.outcomes[size_t(index)] = std::move(outcome);
            run.done[size_t(index)] = 1;
            context.addDone(1);
        }
    });
    return !stop.load();
}

JobResult resultOf(Run &run, const ImagesJobParams &p) {
    int converted = 0;
    qint64 bytes = 0;
    QStringList skipped = run.skipped;
    QStringList unwritten;
    for (size_t i = 0; i < run.outcomes.size(); ++i) {
        if (run.outcomes[i].converted) {
            ++converted;
            bytes += run.outcomes[i].bytesWritten;
        } else if (run.outcomes[i].writeFailed) {
            unwritten.append(run.outcomes[i].reason);
        } else if (run.done[i]) {
            skipped.append(QStringLiteral("%1: %2").arg(run.items[qsizetype(i)].source,
                                                        run.outcomes[i].reason));
        }
    }
    const QVariantMap details{{QStringLiteral("converted"), converted},
                              {QStringLiteral("skipped"), skipped},
                              {QStringLiteral("bytes"), bytes},
                              {QStringLiteral("output"), p.output}};
    QString summary =
        plural(converted, QStringLiteral("image converted"), QStringLiteral("images converted"));
    summary += QStringLiteral(", %1 skipped").arg(QLocale().toString(skipped.size()));
    run.context.setStatus(summary);
    if (!unwritten.isEmpty()) {
        // An output that could not be written is lost work, never a skip.
        QString error = unwritten.first();
        if (unwritten.size() > 1)
            error += QStringLiteral(", and %1 more outputs could not be written")
                         .arg(QLocale().toString(unwritten.size() - 1));
        QVariantMap failed = details;
        failed.insert(QStringLiteral("unwritten"), unwritten);
        return JobResult::failure(error, summary, failed);
    }
    if (converted > 0)
        return JobResult{{}, summary, details};
    if (skipped.isEmpty()) {
        return JobResult::failure(
            QStringLiteral("no images found in %1").arg(p.paths.join(QStringLiteral(", "))),
            summary, details);
    }
    QString error = QStringLiteral("no image could be converted: %1").arg(skipped.first());
    if (skipped.size() > 1)
        error +=
            QStringLiteral(", and %1 more skipped").arg(QLocale().toString(skipped.size() - 1));
    return JobResult::failure(error, summary, details);
}

} // namespace

QString ImagesJobKind::name() const {
    return ImagesJobParams::kindName();
}

QString ImagesJobKind::displayName() const {
    return QStringLiteral("Convert or scale images");
}

QList<JobField> ImagesJobKind::fields() const {
    using Type = JobField::Type;
    // The parameters, then what result.details holds.
    return ImagesJobParams::fields() +
           QList<JobField>{
               {QStringLiteral("converted"), QT_TRANSLATE_NOOP("JobField", "Converted"),
                Type::Count},
               {QStringLiteral("bytes"), QT_TRANSLATE_NOOP("JobField", "Size"), Type::Bytes},
           };
}

QString ImagesJobKind::title(const ImagesJobParams &params) const {
    QString title = QStringLiteral("Convert %1").arg(QFileInfo(params.paths.first()).fileName());
    if (params.paths.size() > 1)
        title += QStringLiteral(" and %1 more").arg(params.paths.size() - 1);
    return title + QStringLiteral(" to %1").arg(QFileInfo(params.output).fileName());
}

JobResult ImagesJobKind::runWith(JobContext &context, const ImagesJobParams &p) const {

    context.setStatus(QStringLiteral("Scanning…"));
    Run run{context, {}, {}, {}, {}};
    if (!plan(run, p))
        return canceled();
    if (!QDir().mkpath(p.output))
        return JobResult::failure(
            QStringLiteral("cannot create the output folder %1").arg(p.output));

    context.setTotal(run.items.size(), ProgressUnit::Files);
    context.setStatus(QStringLiteral("Converting…"));
    run.outcomes.resize(size_t(run.items.size()));
    run.done.resize(size_t(run.items.size()), 0);
    if (!reuseEarlier(run) || !convertAll(run, p))
        return canceled();
    return resultOf(run, p);
}

#pragma once

#include "kinds/common/typedjobkind.h"
#include "kinds/images/imagesjobparams.h"

// Converts and/or scales every image in the given files and folders into an
// output folder, as `mogrify -path OUT -resize WxH> -format F` would: EXIF
// orientation applied, aspect ratio kept within the maximum size, never
// enlarged. See ImagesJobParams for the parameters.
//
// Layout: a file argument is written as OUT/NAME; the files below a folder
// argument keep their path relative to that folder (photos/2024/a.jpg ->
// OUT/2024/a.jpg). With a format, the suffix becomes that format's (.jpg,
// .png, .webp); without, each file keeps its name and format. Each output is
// written through an AtomicOutputFile (a temporary name, tracked by the job,
// renamed when complete), so a canceled, failed or killed job leaves no
// half-written file (files already finished stay). An output that would be
// one of the job's inputs is never written: refused at validation for the
// files named (ImagesJobParams::check), skipped for those found in folders.
//
// Files that are not images, are not regular files (ReadableFile: a FIFO or a
// link to a device is refused, never read), cannot be decoded whole (corrupt
// or truncated), are too large to decode (ImageConverter::maxDecodeBytes), or
// would land on the same output as an earlier file or on an input are
// skipped and listed; the job fails only when nothing could be converted. result.details:
// "converted" (int), "skipped" (QStringList of "PATH: reason"), "bytes" (qint64 written), "output".
//
// Resumable: each output is recorded (JobContext::recordFinished) once its
// output is committed, with item = the source's absolute path and value =
// "SIZE:MTIME_NS:OUTPUT" (the source's stamp before it was read, the output's
// absolute path). A run that resumes an interrupted one does not convert a
// recorded source that is unchanged and whose output is still there; it counts
// it as converted (bytes: the output's size), so the result is that of a run
// from scratch, and logs "resumed: N files finished before the restart were
// skipped".
//
// Several images are converted at once on the context's pool, up to
// QThread::idealThreadCount() at a time (see PoolFanOut). Progress counts
// files. Stateless: every method may be called from any thread.
class ImagesJobKind : public TypedJobKind<ImagesJobParams> {
public:
    QString name() const override;
    QString displayName() const override;
    int capabilities() const override { return Cancelable | Pausable | Resumable; }
    QList<JobField> fields() const override;

protected:
    QString title(const ImagesJobParams &params) const override;
    JobResult runWith(JobContext &context, const ImagesJobParams &params) const override;
};

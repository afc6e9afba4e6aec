// The typed parameter structs are the one place each kind's keys are spelled,
// and TypedJobKind is the one opening (parse, check, convert) every kind shares.
#include "job/jobcontext.h"
#include "kinds/command/commandjobparams.h"
#include "kinds/common/inputcheck.h"
#include "kinds/common/typedjobkind.h"
#include "kinds/copy/copyjobparams.h"
#include "kinds/hash/hashjobparams.h"
#include "kinds/images/imagesjobparams.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <sys/stat.h>

namespace {

QSet<QString> keySet(const QStringList &keys) {
    return QSet<QString>(keys.cbegin(), keys.cend());
}

template <typename Params> void expectKeysCoverTheMap(const Params &params) {
    const QVariantMap map = params.toMap();
    const QSet<QString> known = keySet(Params::keys());
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        EXPECT_TRUE(known.contains(it.key())) << it.key().toStdString();
    const Expected<Params> again = Params::fromMap(map);
    ASSERT_TRUE(again) << again.error().toStdString();
    EXPECT_EQ(again->toMap(), map);
    QVariantMap withStranger = map;
    withStranger.insert(QStringLiteral("no_such_key"), 1);
    const Expected<Params> refused = Params::fromMap(withStranger);
    ASSERT_FALSE(refused);
    EXPECT_NE(refused.error().indexOf(QStringLiteral("no_such_key")), -1);
}

} // namespace

TEST(KindParams, EachStructsKeysAreTheKeysItWritesAndReads) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    CopyJobParams copy;
    copy.baseDir = dir.path();
    copy.sources = {copy.absolute(QStringLiteral("a"))};
    copy.destination = copy.absolute(QStringLiteral("out"));
    copy.onConflict = CopyJobParams::Conflict::Rename;
    expectKeysCoverTheMap(copy);

    HashJobParams hash;
    hash.baseDir = dir.path();
    hash.paths = {QStringLiteral("a")};
    hash.output = hash.resolve(QStringLiteral("a.sha256"));
    hash.algorithm = HashAlgorithm::Sha512;
    expectKeysCoverTheMap(hash);
    HashJobParams verify;
    verify.mode = HashJobParams::Mode::Verify;
    verify.baseDir = dir.path();
    verify.manifest = verify.resolve(QStringLiteral("a.sha256"));
    verify.strict = true;
    verify.checkOutput = HashJobParams::CheckOutput::Status;
    expectKeysCoverTheMap(verify);
    for (const QString &key : HashJobParams::verifyOptionKeys())
        EXPECT_TRUE(HashJobParams::keys().contains(key)) << key.toStdString();

    ImagesJobParams images;
    images.baseDir = dir.path();
    images.paths = {images.absolute(QStringLiteral("photos"))};
    images.output = images.absolute(QStringLiteral("small"));
    images.maxWidth = 1600;
    expectKeysCoverTheMap(images);

    CommandJobParams command;
    command.program = QStringLiteral("true");
    command.cwd = dir.path();
    command.env = {QStringLiteral("A=1")};
    command.logFile = dir.filePath(QStringLiteral("log"));
    command.durationSeconds = 12;
    expectKeysCoverTheMap(command);
}

TEST(KindParams, AnEmptyPathStaysEmptySoTheKindNamesIt) {
    CopyJobParams copy;
    copy.baseDir = QDir::tempPath();
    copy.sources = {copy.absolute(QString())};
    copy.destination = copy.absolute(QStringLiteral("out"));
    const Expected<CopyJobParams> parsed = CopyJobParams::fromMap(copy.toMap());
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error(), QStringLiteral("sources must not contain an empty path"));
}

TEST(KindParams, NamesTheShellTypesAreParsedWithTheKindsOwnMessages) {
    EXPECT_EQ(CopyJobParams::conflictFromName(QStringLiteral("rename")).value(),
              CopyJobParams::Conflict::Rename);
    EXPECT_EQ(CopyJobParams::conflictFromName(QStringLiteral("merge")).error(),
              QStringLiteral("unknown on_conflict 'merge': use skip, overwrite or rename"));
    EXPECT_EQ(HashJobParams::algorithmFromName(QStringLiteral("md5")).value(), HashAlgorithm::Md5);
    EXPECT_FALSE(HashJobParams::algorithmFromName(QStringLiteral("crc32")));
    EXPECT_EQ(CommandJobParams::graceSecondsFrom(QStringLiteral("2.5")).value(), 2.5);
    EXPECT_FALSE(CommandJobParams::graceSecondsFrom(QStringLiteral("-1")));
    EXPECT_FALSE(CommandJobParams::durationSecondsFrom(QStringLiteral("0")));
}

namespace {

// A kind of one parameter, "n", that must be a positive number and is checked
// to be below 10: enough to watch TypedJobKind's opening.
struct CountParams {
    int n = 0;
    static Expected<CountParams> fromMap(const QVariantMap &map) {
        bool ok = false;
        const int n = map.value(QStringLiteral("n")).toInt(&ok);
        if (!ok || n <= 0)
            return Expected<CountParams>::failure(QStringLiteral("n must be a positive number"));
        return CountParams{n};
    }
    Status check() { return n < 10 ? Status() : Status::failure(QStringLiteral("n is too big")); }
    QVariantMap toMap() const { return {{QStringLiteral("n"), n}}; }
};

class CountKind : public TypedJobKind<CountParams> {
public:
    QString name() const override { return QStringLiteral("count"); }
    QString displayName() const override { return QStringLiteral("Count"); }

protected:
    QString title(const CountParams &params) const override {
        return QStringLiteral("Count to %1").arg(params.n);
    }
    JobResult runWith(JobContext &, const CountParams &params) const override {
        return JobResult{{}, QStringLiteral("counted %1").arg(params.n), {}};
    }
};

} // namespace

TEST(TypedJobKind, ValidateParsesChecksAndNormalizes) {
    const CountKind kind;
    const Expected<QVariantMap> valid = kind.validate({{QStringLiteral("n"), QStringLiteral("3")}});
    ASSERT_TRUE(valid) << valid.error().toStdString();
    EXPECT_EQ(valid->value(QStringLiteral("n")).typeId(), QMetaType::Int);
    EXPECT_EQ(kind.validate({}).error(), QStringLiteral("n must be a positive number"));
    EXPECT_EQ(kind.validate({{QStringLiteral("n"), 12}}).error(), QStringLiteral("n is too big"));
}

TEST(TypedJobKind, ATitleOfBadParametersIsTheKindsName) {
    const CountKind kind;
    EXPECT_EQ(kind.defaultTitle({{QStringLiteral("n"), 4}}), QStringLiteral("Count to 4"));
    EXPECT_EQ(kind.defaultTitle({}), QStringLiteral("Count"));
}

// The one check of a job's inputs that the hash, images and copy kinds share.
TEST(InputCheck, ReadsAsTheJobWillAndCopiesSpecialFilesAsThemselves) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString fifo = dir.filePath(QStringLiteral("pipe"));
    ASSERT_EQ(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    const Status read = InputCheck::readable(fifo, InputCheck::Mode::Read);
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error(),
              QStringLiteral("cannot read %1: it is a FIFO, not a regular file").arg(fifo));
    EXPECT_TRUE(InputCheck::readable(fifo, InputCheck::Mode::Copy)); // made anew, never opened

    const QString missing = dir.filePath(QStringLiteral("gone"));
    EXPECT_EQ(InputCheck::readable(missing, InputCheck::Mode::Read).error(),
              QStringLiteral("no such file or directory: %1").arg(missing));
    const QString dangling = dir.filePath(QStringLiteral("link"));
    ASSERT_TRUE(QFile::link(missing, dangling));
    EXPECT_FALSE(InputCheck::readable(dangling, InputCheck::Mode::Read));
    EXPECT_TRUE(InputCheck::readable(dangling, InputCheck::Mode::Copy)); // copied as a link
    EXPECT_TRUE(InputCheck::readable(dir.path(), InputCheck::Mode::Read));
}

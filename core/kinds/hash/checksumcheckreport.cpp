#include "kinds/hash/checksumcheckreport.h"

#include "job/humanformat.h"
#include "job/jobcontext.h"

#include <QFile>
#include <QLocale>

#include <limits>

namespace {

// How many names an error message lists before "and N more".
constexpr int namesInMessage = 3;

QString decode(const QByteArray &name) {
    return QFile::decodeName(name);
}

// coreutils' counts are plain numbers, singular or plural as ngettext picks.
QString counted(qsizetype count, const char *one, const char *many) {
    return QString::fromLatin1(count == 1 ? one : many).arg(count);
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

} // namespace

ChecksumCheckReport::ChecksumCheckReport(JobContext &context, const HashJobParams &params,
                                         HashAlgorithm algorithm,
                                         const ChecksumManifest::Parsed &manifest)
    : m_context(context)
    , m_params(params)
    , m_algorithm(algorithm)
    , m_manifest(manifest) {}

void ChecksumCheckReport::addMatch(const ChecksumManifest::Entry &entry, qint64 bytes) {
    ++m_ok;
    m_bytes += bytes;
    logMalformedBefore(entry.line);
    if (m_params.checkOutput != HashJobParams::CheckOutput::Quiet)
        logCheck(entry, "OK");
}

void ChecksumCheckReport::addMismatch(const ChecksumManifest::Entry &entry, qint64 bytes) {
    m_mismatched.append(decode(entry.name));
    m_bad.append(m_mismatched.last());
    m_bytes += bytes;
    logMalformedBefore(entry.line);
    logCheck(entry, "FAILED");
}

void ChecksumCheckReport::addUnreadable(const ChecksumManifest::Entry &entry, const QString &error,
                                        qint64 bytes) {
    m_missing.append(decode(entry.name));
    m_bad.append(m_missing.last());
    m_bytes += bytes;
    logMalformedBefore(entry.line);
    // The reason goes out even with --status, as coreutils prints it.
    warn(error);
    logCheck(entry, "FAILED open or read");
}

void ChecksumCheckReport::addIgnored(const ChecksumManifest::Entry &entry) {
    m_ignored.append(decode(entry.name));
}

void ChecksumCheckReport::logCheck(const ChecksumManifest::Entry &entry, QByteArrayView status) {
    if (m_params.checkOutput == HashJobParams::CheckOutput::Status)
        return;
    const QByteArray line = ChecksumManifest::formatCheckLine(entry.name, status);
    m_context.log(decode(line));
    m_context.writeOutput(OutputStream::Stdout, line + '\n');
}

void ChecksumCheckReport::warn(const QString &text) {
    m_context.log(text);
    m_context.writeOutput(OutputStream::Diagnostic, text.toUtf8());
}

// With --warn each malformed line is named in its turn among the checks, as
// coreutils reads and checks line by line.
void ChecksumCheckReport::logMalformedBefore(int line) {
    const QList<int> &malformed = m_manifest.malformedLines;
    while (m_nextMalformed < malformed.size() && malformed[m_nextMalformed] < line) {
        if (m_params.checkOutput == HashJobParams::CheckOutput::Warn) {
            warn(QStringLiteral("%1: %2: improperly formatted %3 checksum line")
                     .arg(m_params.manifest)
                     .arg(malformed[m_nextMalformed])
                     .arg(QString::fromLatin1(hashAlgorithmTag(m_algorithm))));
        }
        ++m_nextMalformed;
    }
}

void ChecksumCheckReport::logClosingWarnings() {
    logMalformedBefore(std::numeric_limits<int>::max());
    if (m_manifest.entries.isEmpty()) {
        warn(QStringLiteral("%1: no properly formatted checksum lines found")
                 .arg(m_params.manifest));
        return;
    }
    if (m_params.checkOutput == HashJobParams::CheckOutput::Status)
        return;
    if (const qsizetype malformed = m_manifest.malformedLines.size()) {
        warn(counted(malformed, "WARNING: %1 line is improperly formatted",
                     "WARNING: %1 lines are improperly formatted"));
    }
    if (!m_missing.isEmpty()) {
        warn(counted(m_missing.size(), "WARNING: %1 listed file could not be read",
                     "WARNING: %1 listed files could not be read"));
    }
    if (!m_mismatched.isEmpty()) {
        warn(counted(m_mismatched.size(), "WARNING: %1 computed checksum did NOT match",
                     "WARNING: %1 computed checksums did NOT match"));
    }
    if (m_params.ignoreMissing && m_ok == 0)
        warn(QStringLiteral("%1: no file was verified").arg(m_params.manifest));
}

QString ChecksumCheckReport::summary() const {
    const QLocale locale;
    const qint64 files = m_ok + m_bad.size();
    QString text = QStringLiteral("%1 %2, %3")
                       .arg(locale.toString(files),
                            files == 1 ? QStringLiteral("file") : QStringLiteral("files"),
                            HumanFormat::bytes(m_bytes, locale));
    text += m_mismatched.size() == 1
                ? QStringLiteral(", 1 mismatch")
                : QStringLiteral(", %1 mismatches").arg(locale.toString(m_mismatched.size()));
    if (!m_missing.isEmpty())
        text += QStringLiteral(", %1 missing").arg(locale.toString(m_missing.size()));
    if (!m_ignored.isEmpty())
        text += QStringLiteral(", %1 ignored").arg(locale.toString(m_ignored.size()));
    if (const qsizetype malformed = m_manifest.malformedLines.size())
        text += QStringLiteral(", %1 improperly formatted").arg(locale.toString(malformed));
    return text;
}

// The queue's one-line reason, most telling first; empty when the run succeeded.
QString ChecksumCheckReport::failureMessage() const {
    const QLocale locale;
    if (m_manifest.entries.isEmpty())
        return QStringLiteral("%1: no properly formatted checksum lines found")
            .arg(m_params.manifest);
    if (!m_bad.isEmpty()) {
        return QStringLiteral("%1 of %2 files did not match: %3")
            .arg(locale.toString(m_bad.size()), locale.toString(m_ok + m_bad.size()),
                 listNames(m_bad));
    }
    if (m_ok == 0)
        return QStringLiteral("%1: no file was verified").arg(m_params.manifest);
    if (m_params.strict && !m_manifest.malformedLines.isEmpty()) {
        return counted(m_manifest.malformedLines.size(), "%1 line is improperly formatted",
                       "%1 lines are improperly formatted");
    }
    return {};
}

JobResult ChecksumCheckReport::finish() {
    logClosingWarnings();
    const QVariantMap details{
        {QStringLiteral("ok"), m_ok},
        {QStringLiteral("mismatched"), m_mismatched},
        {QStringLiteral("missing"), m_missing},
        {QStringLiteral("ignored"), m_ignored},
        {QStringLiteral("improperly_formatted"), int(m_manifest.malformedLines.size())},
        {QStringLiteral("files"), qint64(m_ok + m_bad.size())},
        {QStringLiteral("bytes"), m_bytes}};
    const QString text = summary();
    m_context.setStatus(text);
    const QString error = failureMessage();
    if (error.isEmpty())
        return JobResult{{}, text, details};
    return JobResult::failure(error, text, details);
}

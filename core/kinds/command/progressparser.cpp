#include "kinds/command/progressparser.h"

#include "kinds/command/autoprogressparser.h"
#include "kinds/command/ffmpegprogressparser.h"
#include "kinds/command/percentprogressparser.h"
#include "kinds/command/rsyncprogressparser.h"

std::unique_ptr<ProgressParser> ProgressParser::create(const QString &mode,
                                                       double durationSeconds) {
    if (mode == QLatin1String("auto"))
        return std::make_unique<AutoProgressParser>(durationSeconds);
    if (mode == QLatin1String("percent"))
        return std::make_unique<PercentProgressParser>();
    if (mode == QLatin1String("ffmpeg"))
        return std::make_unique<FfmpegProgressParser>(durationSeconds);
    if (mode == QLatin1String("rsync"))
        return std::make_unique<RsyncProgressParser>();
    return nullptr;
}

QStringList ProgressParser::modes() {
    return {QStringLiteral("auto"), QStringLiteral("percent"), QStringLiteral("ffmpeg"),
            QStringLiteral("rsync"), QStringLiteral("none")};
}

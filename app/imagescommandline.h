#pragma once

#include "kindcommandline.h"

#include <QSize>

// `images --output DIR [--max-size WxH] [--format jpeg|png|webp] [--quality 1-100] PATH...`
class ImagesCommandLine : public KindCommandLine {
public:
    QString kind() const override;
    QString synopsis() const override;
    void addOptions(QCommandLineParser &parser) const override;
    Expected<QVariantMap> params(const QCommandLineParser &parser,
                                 const QString &workingDir) const override;

    // "1600x1200" -> (1600, 1200); "1600x" or "1600" -> width only; "x1200" ->
    // height only (0: no limit that way), as ImageMagick's geometry reads them.
    // A trailing '>' (ImageMagick's "only shrink") is accepted: Taskdeck never
    // enlarges anyway. Fails with a message quoting the text.
    static Expected<QSize> parseMaxSize(const QString &text);
};

// SPDX-License-Identifier: GPL-3.0-or-later
#include "recordcontrol.h"

#include "elidedlabel.h"
#include "net/sseclient.h"
#include "recording/livesession.h"
#include "recording/sessionrecorder.h"
#include "recording/sessionwriter.h"
#include "themeicons.h"
#include "userfolders.h"

#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QTimer>
#include <QToolButton>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr int TickMs = 250;
const QColor RecordRed(0xd0, 0x3b, 0x3b);

QString byteText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

// 0:42, 12:05, 1:02:05
QString elapsedText(qint64 ms)
{
    const qint64 seconds = ms / 1000;
    const QString minutesSeconds = u"%1:%2"_s.arg(seconds / 60 % 60).arg(seconds % 60, 2, 10, QChar(u'0'));
    if (seconds < 3600)
        return minutesSeconds;
    return u"%1:%2"_s.arg(seconds / 3600).arg(minutesSeconds.rightJustified(5, QChar(u'0')));
}

} // namespace

RecordControl::RecordControl(QWidget *parent)
    : QWidget(parent)
    , m_button(new QToolButton(this))
    , m_dot(new QLabel(QString(QChar(0x25CF)), this))
    , m_status(new ElidedLabel(this))
    , m_ticker(new QTimer(this))
{
    m_button->setObjectName(u"recordButton"_s);
    m_button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_status->setObjectName(u"recordStatus"_s);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    QPalette red = m_dot->palette();
    red.setColor(QPalette::WindowText, RecordRed);
    m_dot->setPalette(red);
    m_dot->hide();
    layout->addWidget(m_dot);
    layout->addWidget(m_status);
    layout->addWidget(m_button);
    m_ticker->setInterval(TickMs);
    connect(m_ticker, &QTimer::timeout, this, &RecordControl::refresh);
    connect(m_button, &QToolButton::clicked, this, &RecordControl::toggle);
    showArmed(false);
}

RecordControl::~RecordControl() = default;

void RecordControl::showArmed(bool armed)
{
    if (!armed)
        m_dot->hide();
    m_button->setText(armed ? tr("Stop") : tr("Record"));
    // Drawn in the recording red, which both themes show (the style's stop icon is dark on the dark theme).
    m_button->setIcon(ThemeIcons::icon(armed ? ThemeIcons::Glyph::Stop : ThemeIcons::Glyph::Record, palette()));
    m_button->setToolTip(armed ? tr("Stop recording; the file keeps what was recorded (Ctrl+R)")
                               : tr("Record this session to a file: the request, responses, raw chunks with their "
                                    "times and state changes (Ctrl+R). Secrets in headers are redacted."));
}

void RecordControl::toggle()
{
    if (isArmed())
        stopRecording();
    else
        chooseFile();
}

void RecordControl::setSession(LiveSession *session)
{
    if (m_recorder)
        stopRecording(); // a recording is one session
    m_session = session;
    if (m_session && isArmed())
        attach();
}

void RecordControl::chooseFile()
{
    const QString directory = UserFolders::documents();
    const QString suggested = QDir(directory).filePath(u"%1-%2.sserec"_s.arg(
        m_hint.isEmpty() ? u"stream"_s : m_hint, QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s)));
    // Asked without a nested event loop: the stream goes on, and recording starts when a file is chosen.
    auto dialog
        = new QFileDialog(this, tr("Record to"), suggested, tr("SSE Scope recordings (*.sserec);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"sserec"_s);
    dialog->selectFile(suggested);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) {
        QString error;
        if (!startRecording(path, &error))
            QMessageBox::warning(this, tr("Cannot record"), error);
    });
    dialog->open();
}

bool RecordControl::startRecording(const QString &path, QString *error)
{
    stopRecording();
    m_path = path;
    showArmed(true);
    if (m_session && m_session->client() && !isFinalState(m_session->client()->state())) {
        attach();
        if (!m_recorder) {
            if (error)
                *error = m_status->toolTip();
            return false;
        }
    } else {
        m_status->setText(tr("records the next session to %1").arg(QFileInfo(path).fileName()));
        m_status->setToolTip(QDir::toNativeSeparators(path));
    }
    return true;
}

void RecordControl::attach()
{
    auto writer = std::make_unique<SessionWriter>();
    if (!writer->open(m_path)) {
        const QString error = tr("Cannot write the recording %1: %2. Choose another place.")
                                  .arg(QDir::toNativeSeparators(m_path), writer->errorString());
        m_status->setText(tr("not recording"));
        m_status->setToolTip(error);
        m_path.clear();
        showArmed(false);
        return;
    }
    m_recorder = std::make_unique<SessionRecorder>(m_session.get(), std::move(writer));
    connect(m_recorder.get(), &SessionRecorder::errorOccurred, this, [this](const QString &message) {
        m_ticker->stop();
        m_path.clear();
        showArmed(false);
        m_status->setText(tr("recording stopped"));
        m_status->setToolTip(message);
        QMessageBox::warning(this, tr("The recording stopped"),
                             tr("%1\n\nThe stream goes on; what was recorded so far is kept.").arg(message));
    });
    // It ends after the recorder has written the session's last state.
    SessionRecorder *recorder = m_recorder.get();
    connect(m_session->client(), &SseClient::stateChanged, recorder, [this, recorder](const StreamStateChange &change) {
        if (!isFinalState(change.state))
            return;
        QMetaObject::invokeMethod(
            this,
            [this, recorder]() {
                if (m_recorder.get() == recorder)
                    stopRecording();
            },
            Qt::QueuedConnection);
    });
    m_status->setToolTip(QDir::toNativeSeparators(m_path));
    m_since.start();
    m_ticker->start();
    refresh();
}

void RecordControl::refresh()
{
    if (!isRecording())
        return;
    m_dot->show();
    const QString text = u"%1 · %2 · %3"_s.arg(
        elapsedText(m_since.elapsed()), byteText(m_recorder->writer().bytesWritten()), QFileInfo(m_path).fileName());
    if (text != m_status->text())
        m_status->setText(text);
}

void RecordControl::stopRecording()
{
    m_ticker->stop();
    if (m_recorder) {
        // After a failed write the line keeps saying why the recording stopped.
        if (m_recorder->isRecording())
            m_status->setText(tr("recorded %1 (%2)")
                                  .arg(QFileInfo(m_path).fileName(), byteText(m_recorder->writer().bytesWritten())));
        m_recorder->stop();
        m_recorder.reset();
    } else if (isArmed()) {
        m_status->clear();
        m_status->setToolTip({});
    }
    m_path.clear();
    showArmed(false);
}

bool RecordControl::isRecording() const
{
    return m_recorder && m_recorder->isRecording();
}

QString RecordControl::statusText() const
{
    return m_status->text();
}

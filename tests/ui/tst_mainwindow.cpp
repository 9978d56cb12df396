// SPDX-License-Identifier: GPL-3.0-or-later
// The real window, offscreen: the first start streams the embedded demo; rows arrive, are filtered, selected
// and shown in the detail pane; pause holds rows back; tabs open and close; the LLM view assembles a reply; and
// hostile streams end with their reason shown. SSESCOPE_SCREENSHOT=FILE.png saves what the window looks like.
#include "diff/diffwindow.h"
#include "elidedlabel.h"
#include "eventspage.h"
#include "export/sessionexport.h"
#include "inspect/detailpane.h"
#include "language.h"
#include "llm/llmview.h"
#include "mainwindow.h"
#include "mockproducer.h"
#include "models/eventfilterproxymodel.h"
#include "models/eventlistmodel.h"
#include "pendingeditbar.h"
#include "producerpanel.h"
#include "recordcontrol.h"
#include "recording/replayplayer.h"
#include "recording/sessionwriter.h"
#include "rejectedbodyview.h"
#include "replaybar.h"
#include "request/requesteditor.h"
#include "stats/ratechart.h"
#include "stats/statisticspane.h"
#include "streamtab.h"
#include "tabexporter.h"
#include "theme.h"

#include <QApplication>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTabWidget>
#include <QtCharts/QChart>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

using namespace Qt::Literals::StringLiterals;

namespace {

int rowsOfKind(const QAbstractItemModel *model, StreamLog::Kind kind)
{
    int count = 0;
    for (int row = 0; row < model->rowCount(); ++row)
        count += model->index(row, 0).data(EventListModel::KindRole).toInt() == int(kind);
    return count;
}

bool screenshots()
{
    return !qEnvironmentVariableIsEmpty("SSESCOPE_SCREENSHOT_DIR");
}

void saveScreenshot(QWidget *window, const QString &name)
{
    const QString directory = qEnvironmentVariable("SSESCOPE_SCREENSHOT_DIR");
    if (!directory.isEmpty())
        QVERIFY(window->grab().save(directory + u'/' + name + u".png"_s));
}

// Exports what tab shows to path, waiting while a recording's file is converted; false with *error.
bool exportTab(StreamTab *tab, SessionExport::Format format, const QString &path, QString *error,
               QString *note = nullptr)
{
    TabExporter exporter;
    exporter.exportTo(tab, format, path, nullptr);
    if (!QTest::qWaitFor([&exporter]() { return exporter.isFinished(); }, 30000)) {
        *error = u"the export did not finish"_s;
        return false;
    }
    *error = exporter.errorText();
    if (note)
        *note = exporter.note();
    return exporter.succeeded();
}

} // namespace

class TestMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void firstStartStreamsTheDemo();
    void filterSelectAndReadTheDetails();
    void pauseHoldsRowsBack();
    void tabsOpenAndClose();
    void llmViewAssemblesTheReply();
    void hostileStreams_data();
    void hostileStreams();
    void editWhileRunningIsNoted();
    void windowKeepsTheSizeItIsGiven();
    void producerQueryFollowsTheScenario();
    void argumentsOpenWhatTheyName_data();
    void argumentsOpenWhatTheyName();
    void binaryGarbage();
    void hugeEvent();
    void settingsPersist();
    void producerLogsAndKeepsItsPort();
    void scenarioTabsStopWhereTheyEnd_data();
    void scenarioTabsStopWhereTheyEnd();
    void recordAndOpen();
    void recordTheDemoMidStream();
    void closingATabFreesIt();
    void openCorruptRecording();
    void exportLiveAndOpened();
    void importRawCapture();
    void replayFromTheMenu();
    void darkTheme();
    void chineseInterface(); // last: it leaves the translation installed
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setAttribute(Qt::AA_DontUseNativeDialogs); // file dialogs the test can fill in
}

void TestMainWindow::firstStartStreamsTheDemo()
{
    MainWindow window;
    QVERIFY(window.producer()->isRunning());
    StreamTab *tab = window.openDemo();
    window.show();
    QCOMPARE(window.tabs()->count(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(tab->model()->rowCount() >= 8, 10000);
    QCOMPARE(tab->state(), StreamState::Open);
    QVERIFY2(tab->stateText().contains(u"<b>open</b>"_s), qPrintable(tab->stateText()));
    QCOMPARE(window.tabs()->tabText(0), u"ticker"_s);
    const QAbstractItemModel *model = tab->model();
    QCOMPARE(model->data(model->index(0, EventListModel::TypeColumn)).toString(), u"[connecting]"_s);
    QCOMPARE(model->data(model->index(1, EventListModel::TypeColumn)).toString(), u"[open]"_s);
    // Raw chunks are kept and hidden: the table shows states and events.
    QVERIFY(rowsOfKind(model, StreamLog::Kind::Chunk) >= 1);
    const QAbstractItemModel *shown = tab->eventsPage()->table()->model();
    QCOMPARE(rowsOfKind(shown, StreamLog::Kind::Chunk), 0);
    QCOMPARE(shown->data(shown->index(2, EventListModel::TypeColumn)).toString(), u"tick"_s);
    QCOMPARE(shown->data(shown->index(2, EventListModel::PreviewColumn)).toString(), u"tick 1"_s);
    QVERIFY2(window.totalsText().contains(u"events"_s), qPrintable(window.totalsText()));
    saveScreenshot(&window, u"window"_s);
    window.producerDock()->show();
    tab->views()->setCurrentIndex(1);
    if (screenshots())
        QTest::qWait(1200); // the statistics chart updates once a second: let it draw for the screenshot
    saveScreenshot(&window, u"statistics"_s);
}

void TestMainWindow::filterSelectAndReadTheDetails()
{
    MainWindow window;
    window.show();
    StreamTab *tab = window.openStream(window.producer()->url(u"/ticker?count=30&interval=1&type=tick"_s));
    QTRY_COMPARE_WITH_TIMEOUT(rowsOfKind(tab->model(), StreamLog::Kind::Event), 30, 10000);
    EventsPage *page = tab->eventsPage();
    page->proxy()->setTextFilter(u"tick 1\\d$"_s, true);
    const QAbstractItemModel *shown = page->table()->model();
    QTRY_COMPARE_WITH_TIMEOUT(shown->rowCount(), 10, 5000);
    for (int row = 0; row < shown->rowCount(); ++row)
        QCOMPARE(shown->index(row, EventListModel::PreviewColumn).data().toString(), u"tick 1%1"_s.arg(row));
    page->selectRow(3);
    QCOMPARE(page->detailPane()->textEdit()->toPlainText(), u"tick 13"_s);
    QCOMPARE(page->detailPane()->chunkCount(), 1);
    saveScreenshot(&window, u"filtered"_s);
    page->proxy()->setTextFilter(QString(), false);
    QTRY_VERIFY_WITH_TIMEOUT(shown->rowCount() >= 32, 5000);
}

void TestMainWindow::pauseHoldsRowsBack()
{
    MainWindow window;
    StreamTab *tab = window.openStream(window.producer()->url(u"/ticker?count=0&interval=20"_s));
    QTRY_VERIFY_WITH_TIMEOUT(rowsOfKind(tab->model(), StreamLog::Kind::Event) >= 3, 10000);
    EventsPage *page = tab->eventsPage();
    page->setPaused(true);
    const int rows = tab->model()->rowCount();
    QTRY_VERIFY_WITH_TIMEOUT(tab->model()->pending() >= 5, 10000);
    QCOMPARE(tab->model()->rowCount(), rows);
    QTRY_VERIFY_WITH_TIMEOUT(page->rowsText().contains(u"waiting"_s), 5000);
    page->setPaused(false);
    QVERIFY(tab->model()->rowCount() >= rows + 5);
    QCOMPARE(tab->model()->pending(), 0);
    page->clear();
    QCOMPARE(tab->model()->rowCount(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(tab->model()->rowCount() > 0, 10000); // the stream goes on
}

void TestMainWindow::tabsOpenAndClose()
{
    MainWindow window;
    StreamTab *first = window.openStream(window.producer()->url(u"/ticker?count=0&interval=10"_s));
    StreamTab *second = window.openStream(window.producer()->url(u"/heartbeats?interval=10"_s));
    StreamTab *third = window.openDemo();
    QCOMPARE(window.tabs()->count(), 3);
    QCOMPARE(window.currentTab(), third);
    QTRY_VERIFY_WITH_TIMEOUT(rowsOfKind(first->model(), StreamLog::Kind::Event) >= 3, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(rowsOfKind(second->model(), StreamLog::Kind::Comment) >= 3, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(window.producer()->openStreams(), 3, 10000);
    Q_EMIT window.tabs()->tabCloseRequested(window.tabs()->indexOf(second));
    QCOMPARE(window.tabs()->count(), 2);
    // Closing a tab ends its stream; the others go on.
    QTRY_COMPARE_WITH_TIMEOUT(window.producer()->openStreams(), 2, 10000);
    const qsizetype before = first->model()->log().size();
    QTRY_VERIFY_WITH_TIMEOUT(first->model()->log().size() > before, 10000);
}

void TestMainWindow::llmViewAssemblesTheReply()
{
    MainWindow window;
    window.show();
    QVERIFY(window.producerPanel()->selectScenario(u"openai-chat"_s));
    window.producerPanel()->queryEdit()->setText(u"rate=0&reasoning=1&reply=Hello there, world."_s);
    const StreamRequest request = window.producerPanel()->selectedRequest();
    QCOMPARE(request.method, QByteArray("POST"));
    StreamTab *tab = window.openRequest(request);
    QTRY_COMPARE_WITH_TIMEOUT(tab->state(), StreamState::Finished, 10000);
    tab->views()->setCurrentIndex(2);
    tab->llmView()->flush();
    QCOMPARE(tab->llmView()->replyText(), u"Hello there, world."_s);
    QVERIFY(tab->llmView()->assembler().isDone());
    saveScreenshot(&window, u"llm"_s);
}

void TestMainWindow::hostileStreams_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<StreamState>("state");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("body"); // what the server sent instead, shown under the state line
    QTest::newRow("204") << u"/status?code=204"_s << StreamState::StoppedByServer << u"HTTP 204 No Content"_s
                         << QString();
    QTest::newRow("500") << u"/status?code=500&message=boom"_s << StreamState::Failed
                         << u"HTTP 500 Internal Server Error"_s << u"\"error\": \"boom\""_s;
    QTest::newRow("wrong type") << u"/wrong-type"_s << StreamState::Failed << u"not text/event-stream"_s << u"data: "_s;
    QTest::newRow("a line over the 32 MiB limit")
        << u"/huge?size=40000000"_s << StreamState::Failed << u"went over a limit"_s << QString();
}

void TestMainWindow::hostileStreams()
{
    QFETCH(QString, path);
    QFETCH(StreamState, state);
    QFETCH(QString, reason);
    QFETCH(QString, body);
    MainWindow window;
    window.show();
    StreamTab *tab = window.openStream(window.producer()->url(path));
    QTRY_COMPARE_WITH_TIMEOUT(tab->state(), state, 20000);
    QVERIFY2(tab->stateText().contains(reason), qPrintable(tab->stateText()));
    QVERIFY2(tab->stateText().contains(u"<i>"_s), qPrintable(tab->stateText())); // with advice
    const auto rejected = tab->findChild<RejectedBodyView *>(u"rejectedBody"_s);
    QVERIFY(rejected);
    QCOMPARE(rejected->isVisible(), !body.isEmpty());
    QVERIFY2(rejected->text().contains(body), qPrintable(rejected->text()));
}

// Policies edited while a session runs apply from its next connection, and the tab says so.
void TestMainWindow::editWhileRunningIsNoted()
{
    MainWindow window;
    window.show();
    StreamTab *tab = window.openStream(window.producer()->url(u"/ticker?count=0&interval=50"_s));
    QTRY_COMPARE_WITH_TIMEOUT(tab->state(), StreamState::Open, 10000);
    const auto bar = tab->findChild<PendingEditBar *>(u"pendingEditBar"_s);
    QVERIFY(bar);
    QVERIFY(!bar->isVisible());
    StreamRequest edited = tab->requestEditor()->request();
    edited.reconnect.idleTimeoutMs = 1234;
    tab->requestEditor()->setRequest(edited);
    QVERIFY(bar->isVisible());
    const auto apply = bar->findChild<QPushButton *>(u"applyEditNow"_s);
    QVERIFY(apply);
    apply->click();
    QVERIFY(!bar->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(tab->state(), StreamState::Open, 10000);
    const Recording session = tab->liveSession();
    QVERIFY(session.request);
    QCOMPARE(session.request->request.reconnect.idleTimeoutMs, 1234);
    tab->disconnectStream();
    tab->requestEditor()->setRequest(edited); // nothing runs: nothing to note
    QVERIFY(!bar->isVisible());
}

// Nothing a tab shows makes the window grow: the request details, a refused body, the statistics page and long
// status texts fit a small window, by scrolling or ending in "…". (It grew past the screen and kept that size.)
void TestMainWindow::windowKeepsTheSizeItIsGiven()
{
    const QSize given(1000, 700); // what a 1366 x 768 laptop screen leaves for a window
    MainWindow window;
    window.resize(given);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.size(), given);
    StreamTab *tab = window.openStream(window.producer()->url(u"/status?code=500&message=down"_s));
    QTRY_COMPARE_WITH_TIMEOUT(tab->state(), StreamState::Failed, 10000);
    tab->requestEditor()->setDetailsVisible(true);
    const QList<ElidedLabel *> statusTexts = tab->findChildren<ElidedLabel *>();
    QVERIFY(statusTexts.size() >= 3);
    for (ElidedLabel *label : statusTexts)
        label->setText(u"a status that goes on and on "_s.repeated(20));
    for (int page = 0; page < tab->views()->count(); ++page) {
        tab->views()->setCurrentIndex(page);
        QTest::qWait(20);
    }
    QCOMPARE(window.size(), given);
    QVERIFY2(window.minimumSizeHint().height() <= given.height(),
             qPrintable(u"needs %1 px"_s.arg(window.minimumSizeHint().height())));
    QVERIFY2(window.minimumSizeHint().width() <= given.width(),
             qPrintable(u"needs %1 px"_s.arg(window.minimumSizeHint().width())));
}

// Parameters typed for one scenario are not sent to the next one chosen, which would refuse them; the hint shows
// what the chosen one takes.
void TestMainWindow::producerQueryFollowsTheScenario()
{
    MainWindow window;
    ProducerPanel *panel = window.producerPanel();
    QVERIFY(panel->selectScenario(u"status"_s));
    QCOMPARE(panel->queryEdit()->placeholderText(), u"code=500&retry_after=0"_s);
    panel->queryEdit()->setText(u"code=500"_s);
    QVERIFY(panel->selectScenario(u"ticker"_s));
    QCOMPARE(panel->queryEdit()->text(), QString());
    QCOMPARE(panel->queryEdit()->placeholderText(), u"count=10&interval=1000"_s);
    QCOMPARE(panel->selectedRequest().url.query(), QString());
    QVERIFY(panel->selectScenario(u"hang"_s));
    QVERIFY2(!panel->queryEdit()->placeholderText().contains(u"count"_s),
             qPrintable(panel->queryEdit()->placeholderText()));
}

void TestMainWindow::argumentsOpenWhatTheyName_data()
{
    QTest::addColumn<QString>("argument");
    QTest::addColumn<QString>("url"); // of the one tab opened; "demo" for the demo stream
    QTest::addColumn<QString>("warning"); // the start of a warning shown, or empty
    QTest::newRow("nothing") << QString() << u"demo"_s << QString();
    QTest::newRow("host and port") << u"localhost:1/events"_s << u"http://localhost:1/events"_s << QString();
    QTest::newRow("a server's .sse path")
        << u"localhost:1/stream.sse"_s << u"http://localhost:1/stream.sse"_s << QString();
    QTest::newRow("a URL") << u"https://example.com/sse"_s << u"https://example.com/sse"_s << QString();
    QTest::newRow("missing recording") << u"missing.sserec"_s << u"demo"_s << u"There is no such file."_s;
    QTest::newRow("missing path") << u"./nowhere/capture"_s << u"demo"_s << u"There is no such file."_s;
    QTest::newRow("a folder") << QDir::tempPath() << u"demo"_s << u"It is a folder, not a recording."_s;
}

// ssescope ./missing.sserec once asked for a URL and left an empty tab: a path is opened as one, or said to be
// missing.
void TestMainWindow::argumentsOpenWhatTheyName()
{
    QFETCH(QString, argument);
    QFETCH(QString, url);
    QFETCH(QString, warning);
    MainWindow window;
    StreamTab *tab = window.openArgument(argument);
    QVERIFY(tab);
    QCOMPARE(window.tabs()->count(), 1);
    const QString opened = tab->requestEditor()->request().url.toString();
    if (url == u"demo"_s)
        QVERIFY2(opened.startsWith(window.producer()->url().toString()), qPrintable(opened));
    else
        QCOMPARE(opened, url);
    tab->disconnectStream();
    QMessageBox *shown = nullptr;
    for (QMessageBox *box : window.findChildren<QMessageBox *>()) {
        if (box->isVisible())
            shown = box;
    }
    if (warning.isEmpty()) {
        QVERIFY(!shown);
    } else {
        QVERIFY(shown);
        QVERIFY2(shown->text().startsWith(warning), qPrintable(shown->text()));
        shown->close();
    }
}

void TestMainWindow::binaryGarbage()
{
    // A server that says text/event-stream and sends bytes that are not text, then a good event.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QByteArray garbage;
    for (int i = 0; i < 70000; ++i)
        garbage += char((i * 7919) % 256);
    connect(&server, &QTcpServer::newConnection, this, [&server, garbage]() {
        QTcpSocket *socket = server.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket, garbage]() {
            socket->readAll();
            socket->write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n");
            socket->write("data: " + garbage + "\n\ndata: after\n\n");
            socket->disconnectFromHost();
        });
    });
    MainWindow window;
    window.show();
    StreamTab *tab = window.openStream(QUrl(u"http://127.0.0.1:%1/garbage"_s.arg(server.serverPort())));
    QTRY_VERIFY_WITH_TIMEOUT(tab->state() == StreamState::WaitingToReconnect || isFinalState(tab->state()), 10000);
    tab->disconnectStream();
    tab->model()->flush();
    bool sawAfter = false;
    const QAbstractItemModel *model = tab->model();
    for (int row = 0; row < model->rowCount(); ++row)
        sawAfter = sawAfter || model->index(row, EventListModel::PreviewColumn).data().toString() == u"after"_s;
    QVERIFY(sawAfter);
    QVERIFY(rowsOfKind(model, StreamLog::Kind::Event) >= 2);
    tab->eventsPage()->selectRow(2);
    QVERIFY(!tab->eventsPage()->detailPane()->textEdit()->toPlainText().isEmpty());
}

void TestMainWindow::hugeEvent()
{
    // 20 MB in one event: it arrives whole, the table shows a preview, the detail pane a part and says so.
    MainWindow window;
    window.show();
    StreamRequest request;
    request.url = window.producer()->url(u"/huge?size=20000000"_s);
    request.reconnect.enabled = false;
    StreamTab *tab = window.openRequest(request);
    QTRY_COMPARE_WITH_TIMEOUT(tab->state(), StreamState::Finished, 20000);
    tab->model()->flush();
    const QAbstractItemModel *model = tab->model();
    int huge = -1;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, EventListModel::SizeColumn).data(EventListModel::RawValueRole).toLongLong() == 20000000)
            huge = row;
    }
    QVERIFY(huge >= 0);
    QVERIFY(model->index(huge, EventListModel::PreviewColumn).data().toString().size() <= 301);
    tab->eventsPage()->detailPane()->showRow(tab->model(), huge);
    QVERIFY2(!tab->eventsPage()->detailPane()->cutNote().isEmpty(), "no note that the data was cut");
}

void TestMainWindow::producerLogsAndKeepsItsPort()
{
    QSettings().clear();
    quint16 port = 0;
    {
        MainWindow window;
        port = window.producer()->port();
        QVERIFY(port != 0);
        const ProducerPanel *panel = window.producerPanel();
        QVERIFY2(panel->logText().contains(u"listening on %1"_s.arg(window.producer()->url().toString())),
                 qPrintable(panel->logText()));
        // Every stream is logged as `ssescope serve` logs it: when it starts and when it ends.
        StreamTab *tab = window.openStream(window.producer()->url(u"/ticker?count=2&interval=1"_s));
        QVERIFY(tab);
        QTRY_VERIFY_WITH_TIMEOUT(panel->logText().contains(u" ticker ended: status 200, finished, 2 events"_s), 10000);
        QVERIFY2(panel->logText().contains(u" GET /ticker?count=2&interval=1 -> ticker"_s),
                 qPrintable(panel->logText()));
    }
    {
        // The next start takes the same port, so URLs saved from it still work.
        MainWindow window;
        QCOMPARE(window.producer()->port(), port);
    }
    // When that port is taken, a free one is used and the log says why.
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, port));
    MainWindow window;
    QVERIFY(window.producer()->isRunning());
    QVERIFY(window.producer()->port() != port);
    QVERIFY2(window.producerPanel()->logText().contains(u"port %1, used last time, cannot be had"_s.arg(port)),
             qPrintable(window.producerPanel()->logText()));
    QSettings().clear();
}

void TestMainWindow::scenarioTabsStopWhereTheyEnd_data()
{
    QTest::addColumn<QString>("scenario");
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("reconnects");
    QTest::addColumn<QByteArrayList>("stopTypes");
    QTest::newRow("fastapi-close") << u"fastapi-close"_s << u"lines=1&interval=1"_s << true << QByteArrayList{"close"};
    QTest::newRow("line-endings") << u"line-endings"_s << u"count=2"_s << false << QByteArrayList();
    QTest::newRow("huge") << u"huge"_s << u"size=1000"_s << false << QByteArrayList();
    QTest::newRow("drip") << u"drip"_s << u"count=1&interval=1"_s << false << QByteArrayList();
    QTest::newRow("gzip") << u"gzip"_s << u"count=2&interval=1"_s << false << QByteArrayList();
}

void TestMainWindow::scenarioTabsStopWhereTheyEnd()
{
    QFETCH(QString, scenario);
    QFETCH(QString, query);
    QFETCH(bool, reconnects);
    QFETCH(QByteArrayList, stopTypes);
    MainWindow window;
    if (scenario == u"gzip" && !window.producer()->catalogue().find(u"/gzip"_s))
        QSKIP("built without zlib: the producer has no gzip scenario");
    QVERIFY(window.producerPanel()->selectScenario(scenario));
    window.producerPanel()->queryEdit()->setText(query);
    const StreamRequest request = window.producerPanel()->selectedRequest();
    QCOMPARE(request.reconnect.enabled, reconnects);
    QCOMPARE(request.stop.eventTypes, stopTypes);
    // Opened in a tab, it ends where the scenario ends instead of fetching it again and again.
    StreamTab *tab = window.openRequest(request);
    QTRY_COMPARE_WITH_TIMEOUT(tab->state(), StreamState::Finished, 10000);
}

void TestMainWindow::settingsPersist()
{
    QSettings().clear();
    // A size that fits the screen: Qt 6.8's offscreen screen (800x600) keeps a restored window inside it.
    const QSize size = QGuiApplication::primaryScreen()->availableGeometry().size() - QSize(100, 100);
    {
        MainWindow window;
        window.show();
        StreamTab *tab = window.addTab();
        QHeaderView *header = tab->eventsPage()->table()->horizontalHeader();
        header->hideSection(EventListModel::IdColumn);
        header->resizeSection(EventListModel::TypeColumn, 222);
        window.resize(size);
        QVERIFY(window.close());
    }
    MainWindow window;
    QCOMPARE(window.size(), size);
    StreamTab *tab = window.addTab();
    const QHeaderView *header = tab->eventsPage()->table()->horizontalHeader();
    QVERIFY(header->isSectionHidden(EventListModel::IdColumn));
    QCOMPARE(header->sectionSize(EventListModel::TypeColumn), 222);
    QVERIFY(!header->isSectionHidden(EventListModel::PreviewColumn));
    QSettings().clear();
}

void TestMainWindow::recordAndOpen()
{
    QTemporaryDir directory;
    const QString path = directory.filePath(u"ticker.sserec"_s);
    MainWindow window;
    window.show();
    StreamTab *live = window.addTab();
    QVERIFY(live->startRecording(path));
    StreamRequest request;
    request.url = window.producer()->url(u"/ticker?count=5&interval=5&type=tick"_s);
    request.reconnect.enabled = false;
    request.headers.append(qMakePair(QByteArray("Authorization"), QByteArray("Bearer sk-secret")));
    live->open(request);
    QVERIFY(live->isRecording());
    QTRY_COMPARE_WITH_TIMEOUT(live->state(), StreamState::Finished, 10000);
    QTRY_VERIFY(!live->isRecording()); // a recording is one session
    live->model()->flush();

    StreamTab *opened = window.openRecording(path);
    QCOMPARE(window.tabs()->count(), 2);
    QCOMPARE(window.tabs()->tabText(1), u"ticker.sserec"_s);
    QCOMPARE(opened->recordingPath(), path);
    QVERIFY2(opened->stateText().contains(u"5 event(s)"_s), qPrintable(opened->stateText()));
    // The same rows as the live tab: states, chunks and the events derived from them.
    const QAbstractItemModel *a = live->model();
    const QAbstractItemModel *b = opened->model();
    QCOMPARE(rowsOfKind(b, StreamLog::Kind::Event), 5);
    QCOMPARE(b->rowCount(), a->rowCount());
    for (int row = 0; row < a->rowCount(); ++row) {
        for (const int column : {int(EventListModel::TypeColumn), int(EventListModel::IdColumn),
                                 int(EventListModel::SizeColumn), int(EventListModel::PreviewColumn)})
            QCOMPARE(b->index(row, column).data().toString(), a->index(row, column).data().toString());
    }
    // Secrets were redacted in the file, and the opened request says so.
    QCOMPARE(opened->requestEditor()->request().headers.value(0).second, QByteArray("<redacted>"));
    QCOMPARE(opened->totalsText(), live->totalsText()); // the same events and body bytes
    QCOMPARE(opened->totalsText(), u"5 events · 160 bytes"_s);
    if (screenshots())
        QTest::qWait(50); // lay the tab out before the screenshot
    saveScreenshot(&window, u"recording"_s);
}

void TestMainWindow::recordTheDemoMidStream()
{
    // Record pressed on the demo tab after it has streamed a while, then Stop: the file holds the request and the
    // open attempt's head, starts when Record was pressed, and replays.
    QTemporaryDir directory;
    const QString path = directory.filePath(u"demo.sserec"_s);
    MainWindow window;
    window.show();
    StreamTab *tab = window.openDemo();
    QTRY_VERIFY_WITH_TIMEOUT(rowsOfKind(tab->model(), StreamLog::Kind::Event) >= 3, 10000);
    auto *button = tab->findChild<QToolButton *>(u"recordButton"_s);
    QVERIFY(button);
    QCOMPARE(button->text(), u"Record"_s);
    button->click();
    QFileDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = tab->findChild<QFileDialog *>()) != nullptr);
    QVERIFY(tab->isRunning()); // asking for the file held nothing up
    dialog->selectFile(path);
    QElapsedTimer recording;
    recording.start();
    static_cast<QDialog *>(dialog)->accept(); // QFileDialog::accept() is protected in Qt 6.4
    QVERIFY(tab->isRecording());
    QCOMPARE(button->text(), u"Stop"_s);
    const int eventsAtStart = rowsOfKind(tab->model(), StreamLog::Kind::Event);
    // The line beside the button counts the time and the bytes written, as they grow.
    const RecordControl *control = tab->recordControl();
    const QString atStart = control->statusText();
    // Plain text, shown as it reads (markup in it once showed as tags).
    QVERIFY2(atStart.startsWith(u"0:00 · "_s), qPrintable(atStart));
    QVERIFY2(atStart.endsWith(u" · demo.sserec"_s), qPrintable(atStart));
    QTRY_VERIFY_WITH_TIMEOUT(rowsOfKind(tab->model(), StreamLog::Kind::Event) >= eventsAtStart + 2, 10000);
    QTRY_VERIFY(control->statusText() != atStart);
    saveScreenshot(&window, u"recording-live"_s);
    button->click();
    const qint64 recordedNs = recording.nsecsElapsed();
    QVERIFY(!tab->isRecording());
    QCOMPARE(button->text(), u"Record"_s);
    QVERIFY2(control->statusText().startsWith(u"recorded demo.sserec ("_s), qPrintable(control->statusText()));
    QCOMPARE(tab->state(), StreamState::Open); // the stream goes on

    Recording file;
    QString error;
    QVERIFY2(SessionExport::load(path, &file, &error), qPrintable(error));
    QVERIFY(file.request);
    QCOMPARE(file.request->request.url, window.producer()->url(u"/ticker?count=0&interval=400&type=tick"_s));
    QVERIFY(file.request->joined);
    QCOMPARE(file.responses.size(), 1);
    QCOMPARE(file.responses[0].status, 200);
    QCOMPARE(file.responses[0].monotonicNs, 0);
    bool eventStream = false;
    for (const auto &[name, value] : std::as_const(file.responses[0].headers))
        eventStream = eventStream || (name.toLower() == "content-type" && value.startsWith("text/event-stream"));
    QVERIFY(eventStream);
    QVERIFY(!file.chunks.isEmpty());
    QCOMPARE(file.chunks.first().offset, 0);
    QVERIFY(file.chunks.first().monotonicNs <= recordedNs); // since Record was pressed, not since the session began
    QVERIFY(file.events.size() >= 2);
    QVERIFY(file.events.first().event.data.startsWith("tick "));
    QVERIFY2(ReplayRecording::load(path, &error), qPrintable(error)); // what `ssescope replay` serves

    // Opened, its statistics count from the start of the recording.
    StreamTab *opened = window.openRecording(path);
    QCOMPARE(opened->statisticsPane()->stats().timeToFirstByteNs(), file.chunks.first().monotonicNs);
}

void TestMainWindow::closingATabFreesIt()
{
    MainWindow window;
    window.show();
    StreamTab *tab = window.openDemo();
    window.addTab(); // the demo tab is in the background, its statistics never shown
    bool tabGone = false;
    bool chartGone = false;
    connect(tab, &QObject::destroyed, this, [&tabGone]() { tabGone = true; });
    connect(tab->statisticsPane()->chart()->chart(), &QObject::destroyed, this, [&chartGone]() { chartGone = true; });
    Q_EMIT window.tabs()->tabCloseRequested(window.tabs()->indexOf(tab));
    QTRY_VERIFY(tabGone);
    QVERIFY(chartGone);
}

void TestMainWindow::openCorruptRecording()
{
    QTemporaryDir directory;
    const QString path = directory.filePath(u"garbage.sserec"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("\x89PNG\r\n this is not a recording\n");
    file.close();
    MainWindow window;
    StreamTab *tab = window.addTab();
    QString error;
    QVERIFY(!tab->openRecording(path, &error));
    QVERIFY2(error.contains(u"not an SSE Scope recording"_s), qPrintable(error));
    QVERIFY2(tab->stateText().contains(u"not an SSE Scope recording"_s), qPrintable(tab->stateText()));
    QVERIFY(!tab->openRecording(directory.filePath(u"missing.sserec"_s), &error));
    QVERIFY(!error.isEmpty());
}

void TestMainWindow::exportLiveAndOpened()
{
    QTemporaryDir directory;
    MainWindow window;
    StreamTab *empty = window.addTab();
    QString error;
    QVERIFY(!exportTab(empty, SessionExport::Format::Ndjson, directory.filePath(u"none.ndjson"_s), &error));
    QVERIFY2(error.contains(u"no session to export"_s), qPrintable(error));
    QVERIFY(!QFileInfo::exists(directory.filePath(u"none.ndjson"_s)));

    // A live tab that was never recorded exports what it holds: its latest session, without its secrets.
    StreamTab *live = window.addTab();
    StreamRequest request;
    request.url = window.producer()->url(u"/ticker?count=12&interval=2&type=tick"_s);
    request.reconnect.enabled = false;
    request.headers.append(qMakePair(QByteArray("Authorization"), QByteArray("Bearer sk-live-secret")));
    live->open(request);
    QTRY_COMPARE_WITH_TIMEOUT(live->state(), StreamState::Finished, 10000);
    QVERIFY(live->connectStream()); // a second session: the rows of the first stay in the tab
    QTRY_COMPARE_WITH_TIMEOUT(live->state(), StreamState::Finished, 10000);
    live->model()->flush();
    QCOMPARE(rowsOfKind(live->model(), StreamLog::Kind::Event), 24);
    const QString ndjson = directory.filePath(u"live.ndjson"_s);
    QString note;
    QVERIFY2(exportTab(live, SessionExport::Format::Ndjson, ndjson, &error, &note), qPrintable(error));
    QVERIFY2(note.isEmpty(), qPrintable(note));
    QFile file(ndjson);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
    file.close();
    // The latest session's records: its states around its events.
    QStringList kinds;
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QJsonObject record = QJsonDocument::fromJson(lines.at(i)).object();
        kinds << record.value(u"kind"_s).toString();
        QCOMPARE(record.value(u"attempt"_s).toInt(), 1);
        if (kinds.last() == u"event"_s)
            QCOMPARE(record.value(u"type"_s).toString(), u"tick"_s);
    }
    QCOMPARE(kinds.count(u"event"_s), 12);
    QCOMPARE(kinds.count(u"state"_s), lines.size() - 12);

    // Saved as a recording, it opens with the live tab's rows, and exports from its file.
    const QString saved = directory.filePath(u"live.sserec"_s);
    QVERIFY2(exportTab(live, SessionExport::Format::Sserec, saved, &error), qPrintable(error));
    StreamTab *opened = window.openRecording(saved);
    opened->model()->flush();
    QCOMPARE(rowsOfKind(opened->model(), StreamLog::Kind::Event), 12);
    QVERIFY2(opened->totalsText().startsWith(u"12 events · "_s), qPrintable(opened->totalsText()));
    const QString har = directory.filePath(u"opened.har"_s);
    QVERIFY2(exportTab(opened, SessionExport::Format::Har, har, &error), qPrintable(error));
    QFile harFile(har);
    QVERIFY(harFile.open(QIODevice::ReadOnly));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(harFile.readAll(), &parseError);
    QCOMPARE(parseError.error, QJsonParseError::NoError);
    const QJsonArray entries = document.object().value(u"log"_s).toObject().value(u"entries"_s).toArray();
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.first().toObject().value(u"_eventSourceMessages"_s).toArray().size(), 12);
    QCOMPARE(entries.first().toObject().value(u"request"_s).toObject().value(u"url"_s).toString(),
             request.url.toString());
    const QString liveHar = directory.filePath(u"live.har"_s);
    QVERIFY2(exportTab(live, SessionExport::Format::Har, liveHar, &error), qPrintable(error));
    QFile liveHarFile(liveHar);
    QVERIFY(liveHarFile.open(QIODevice::ReadOnly));
    const QByteArray liveHarBytes = liveHarFile.readAll();
    QVERIFY(!liveHarBytes.contains("sk-live-secret"));
    QVERIFY(liveHarBytes.contains("<redacted>"));
    QCOMPARE(
        QJsonDocument::fromJson(liveHarBytes).object().value(u"log"_s).toObject().value(u"entries"_s).toArray().size(),
        1);
    QVERIFY(!exportTab(opened, SessionExport::Format::Csv, directory.filePath(u"no/such/dir/x.csv"_s), &error));
    QVERIFY2(error.startsWith(u"Cannot write "_s), qPrintable(error));
}

void TestMainWindow::importRawCapture()
{
    QTemporaryDir directory;
    const QString path = directory.filePath(u"capture.sse"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(": saved with curl -N\r\nid: 1\r\nevent: greeting\r\ndata: hello\r\n\r\ndata: two\ndata: lines\n\n"
               "data: cut off without a blank line");
    file.close();
    MainWindow window;
    StreamTab *tab = window.openRecording(path); // a capture's suffix makes it an import
    QVERIFY(tab);
    // The tab opens the recording once the capture is converted.
    QTRY_VERIFY(!tab->recordingPath().isEmpty() && !tab->isLoading());
    tab->model()->flush();
    QCOMPARE(rowsOfKind(tab->model(), StreamLog::Kind::Event), 2);
    QCOMPARE(rowsOfKind(tab->model(), StreamLog::Kind::Comment), 1);
    QCOMPARE(window.tabs()->tabText(window.tabs()->indexOf(tab)), u"capture.sserec"_s);
    const StreamLog &log = tab->model()->log();
    QStringList events;
    for (qsizetype row = 0; row < log.size(); ++row) {
        if (log.at(row).kind == StreamLog::Kind::Event)
            events << QString::fromUtf8(log.at(row).type.toByteArray() + ' ' + log.at(row).data.toByteArray());
    }
    QCOMPARE(events, (QStringList{u"greeting hello"_s, u"message two\nlines"_s}));
    // The imported capture replays like any recording.
    tab->replayBar()->setSpeed(0);
    QVERIFY(tab->replayRecording(tab->recordingPath()));
    QTRY_COMPARE(tab->replayPlayer()->state(), ReplayPlayer::State::Finished);
    QCOMPARE(rowsOfKind(tab->model(), StreamLog::Kind::Event), 2);
}

void TestMainWindow::replayFromTheMenu()
{
    QTemporaryDir directory;
    const QString path = directory.filePath(u"ticker.sserec"_s);
    MainWindow window;
    window.show();
    StreamTab *live = window.addTab();
    QVERIFY(live->startRecording(path));
    StreamRequest request;
    request.url = window.producer()->url(u"/ticker?count=20&interval=20&type=tick"_s);
    request.reconnect.enabled = false;
    live->open(request);
    QTRY_COMPARE_WITH_TIMEOUT(live->state(), StreamState::Finished, 10000);
    QTRY_VERIFY(!live->isRecording());

    StreamTab *replay = window.replayRecording(path);
    QCOMPARE(window.currentTab(), replay);
    QVERIFY(replay->replayPlayer());
    QCOMPARE(replay->replayPlayer()->state(), ReplayPlayer::State::Playing);
    QTRY_VERIFY_WITH_TIMEOUT(rowsOfKind(replay->model(), StreamLog::Kind::Event) >= 5, 10000);
    if (screenshots()) {
        QTest::qWait(100);
        saveScreenshot(&window, u"replay"_s);
    }
    QTRY_COMPARE_WITH_TIMEOUT(replay->replayPlayer()->state(), ReplayPlayer::State::Finished, 10000);
    replay->model()->flush();
    QCOMPARE(rowsOfKind(replay->model(), StreamLog::Kind::Event), 20);
    QCOMPARE(replay->totalsText(), live->totalsText());

    // The live tab saved as a recording compares equal with the recording made while it streamed.
    QString error;
    const QString saved = directory.filePath(u"saved.sserec"_s);
    QVERIFY2(exportTab(live, SessionExport::Format::Sserec, saved, &error), qPrintable(error));
    window.openRecording(saved);
    DiffWindow *diff = window.compareRecordings(); // the current tab's recording against the other open one
    QCOMPARE(diff->fileA(), saved);
    QCOMPARE(diff->fileB(), path);
    QVERIFY2(diff->summaryText().startsWith(u"Equal: 20 events in each"_s), qPrintable(diff->summaryText()));
    diff->setCompareTiming(true);
    diff->setToleranceMs(1);
    QVERIFY2(diff->summaryText().startsWith(u"Equal"_s), qPrintable(diff->summaryText()));
    delete diff;
}

void TestMainWindow::darkTheme()
{
    Theme::apply(u"dark"_s);
    QVERIFY(Theme::isDark(QApplication::palette()));
    {
        MainWindow window;
        window.show();
        StreamTab *tab = window.openDemo();
        QTRY_VERIFY_WITH_TIMEOUT(tab->model()->rowCount() >= 6, 10000);
        tab->eventsPage()->selectRow(2);
        saveScreenshot(&window, u"dark"_s);
    }
    Theme::apply(QString());
    QVERIFY(!Theme::isDark(QApplication::palette()));
}

void TestMainWindow::chineseInterface()
{
    QCOMPARE(Language::install(qApp, u"zh_CN"_s), u"zh_CN"_s);
    MainWindow window;
    window.show();
    QCOMPARE(window.menuBar()->actions().constFirst()->text(), u"文件(&F)"_s);
    StreamTab *tab = window.openDemo();
    QCOMPARE(tab->views()->tabText(0), u"事件"_s);
    QCOMPARE(tab->recordControl()->button()->text(), u"录制"_s);
    QTRY_VERIFY_WITH_TIMEOUT(tab->model()->rowCount() >= 4, 10000);
    QTemporaryDir directory;
    QVERIFY(tab->startRecording(directory.filePath(u"demo.sserec"_s)));
    QCOMPARE(tab->recordControl()->button()->text(), u"停止"_s);
    // The producer's catalogue speaks the user's language too.
    QVERIFY(window.producerPanel()->selectScenario(u"wrong-type"_s));
    const auto description = window.producerPanel()->findChild<QLabel *>(u"scenarioDescription"_s);
    QVERIFY(description);
    QVERIFY2(description->text().contains(u"Content-Type"_s) && !description->text().contains(u"Status 200 with"_s),
             qPrintable(description->text()));
    if (screenshots())
        QTest::qWait(50); // lay the tab out before the screenshot
    saveScreenshot(&window, u"chinese"_s);
    tab->stopRecording();
    QVERIFY2(tab->recordControl()->statusText().startsWith(u"已录制 demo.sserec"_s),
             qPrintable(tab->recordControl()->statusText()));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

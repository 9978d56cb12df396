// SPDX-License-Identifier: GPL-3.0-or-later
// The real window, offscreen: the first start streams the embedded demo, tabs open on URLs and show why a
// stream failed. SSESCOPE_SCREENSHOT=FILE.png saves what the window looks like.
#include "mainwindow.h"
#include "mockproducer.h"
#include "models/eventlistmodel.h"
#include "streamtab.h"

#include <QTabWidget>
#include <QTest>

using namespace Qt::Literals::StringLiterals;

class TestMainWindow final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firstStartStreamsTheDemo();
    void tabShowsWhyAStreamFailed();
};

void TestMainWindow::firstStartStreamsTheDemo()
{
    MainWindow window;
    QVERIFY(window.producer()->isRunning());
    StreamTab *tab = window.openDemo();
    window.show();
    QCOMPARE(window.tabs()->count(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(tab->model()->rowCount() >= 6, 10000);
    QCOMPARE(tab->state(), StreamState::Open);
    QVERIFY2(tab->stateText().startsWith(u"<b>open</b>"_s), qPrintable(tab->stateText()));
    QCOMPARE(window.tabs()->tabText(0), u"ticker"_s);
    const QAbstractItemModel *model = tab->model();
    QCOMPARE(model->data(model->index(0, EventListModel::TypeColumn)).toString(), u"[connecting]"_s);
    QCOMPARE(model->data(model->index(1, EventListModel::TypeColumn)).toString(), u"[open]"_s);
    QCOMPARE(model->data(model->index(2, EventListModel::TypeColumn)).toString(), u"tick"_s);
    QCOMPARE(model->data(model->index(2, EventListModel::PreviewColumn)).toString(), u"tick 1"_s);
    const QString screenshot = qEnvironmentVariable("SSESCOPE_SCREENSHOT");
    if (!screenshot.isEmpty())
        QVERIFY(window.grab().save(screenshot));
}

void TestMainWindow::tabShowsWhyAStreamFailed()
{
    MainWindow window;
    StreamTab *tab = window.openStream(window.producer()->url(u"/status?code=500&message=boom"_s));
    QTRY_COMPARE_WITH_TIMEOUT(tab->state(), StreamState::Failed, 10000);
    QVERIFY2(tab->stateText().contains(u"status 500 Internal Server Error"_s), qPrintable(tab->stateText()));
    tab->open(window.producer()->url(u"/status?code=204"_s));
    QTRY_COMPARE_WITH_TIMEOUT(tab->state(), StreamState::StoppedByServer, 10000);
    QCOMPARE(window.tabs()->count(), 1);
    Q_EMIT window.tabs()->tabCloseRequested(0);
    QCOMPARE(window.tabs()->count(), 0);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

#include "core/logs/dockerframedemuxer.h"
#include "core/logs/loglineparse.h"
#include "core/logs/logtimestamp.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Dockmaster;

namespace {

QByteArray frame(int type, const QByteArray &payload)
{
    QByteArray out(8, '\0');
    out[0] = char(type);
    const auto size = quint32(payload.size());
    out[4] = char(size >> 24);
    out[5] = char(size >> 16);
    out[6] = char(size >> 8);
    out[7] = char(size);
    return out + payload;
}

struct Line {
    LogStream stream;
    QByteArray text;
    bool operator==(const Line &) const = default;
};

// Demuxes and assembles lines exactly the way DockerLogWorker does.
struct Pipeline {
    DockerFrameDemuxer demuxer;
    LogLineAssembler assemblers[4];
    QList<Line> lines;

    explicit Pipeline(DockerFrameDemuxer::Mode mode = DockerFrameDemuxer::Mode::Multiplexed)
        : demuxer(mode)
    {
    }
    bool feed(QByteArrayView data)
    {
        return demuxer.feed(data, [this](LogStream stream, QByteArrayView piece) {
            assemblers[int(stream)].feed(
                piece, [this, stream](QByteArrayView line) { lines.append({ stream, line.toByteArray() }); });
        });
    }
};

} // namespace

class TestDockerFrameDemuxer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void splitsAtEveryBytePosition();
    void splitsIntoSingleBytes();
    void randomizedFramesAndCuts();
    void systemErrorFrames();
    void rejectsUnknownStreamType();
    void rawTtyStream();
    void payloadIsNotCopied();
    void cutFrameIsReported();
    void timestamps_data();
    void timestamps();
    void timestampRoundTrip();
    void nginxAccessLines_data();
    void nginxAccessLines();
    void levels_data();
    void levels();
};

void TestDockerFrameDemuxer::splitsAtEveryBytePosition()
{
    const QByteArray stream = frame(1, "2026-11-24T20:01:31Z line one\n") + frame(2, "2026-11-24T20:01:31Z oops\n")
        + frame(1, "partial ") + frame(1, "line\n") + frame(1, QByteArray()) + frame(2, "two\nlines\n");
    const QList<Line> expected = { { LogStream::Stdout, "2026-11-24T20:01:31Z line one" },
                                   { LogStream::Stderr, "2026-11-24T20:01:31Z oops" },
                                   { LogStream::Stdout, "partial line" },
                                   { LogStream::Stderr, "two" },
                                   { LogStream::Stderr, "lines" } };
    for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
        for (qsizetype cut2 = cut; cut2 <= stream.size(); cut2 += 3) {
            Pipeline p;
            QVERIFY(p.feed(QByteArrayView(stream).first(cut)));
            QVERIFY(p.feed(QByteArrayView(stream).sliced(cut, cut2 - cut)));
            QVERIFY(p.feed(QByteArrayView(stream).sliced(cut2)));
            QCOMPARE(p.lines, expected);
            QVERIFY(!p.demuxer.inFrame());
        }
    }
}

void TestDockerFrameDemuxer::splitsIntoSingleBytes()
{
    const QByteArray stream = frame(1, "a\n") + frame(2, "bb\n") + frame(1, QByteArray(70000, 'x') + '\n');
    Pipeline p;
    for (char c : stream)
        QVERIFY(p.feed(QByteArrayView(&c, 1)));
    QCOMPARE(p.lines.size(), 3);
    QCOMPARE(p.lines.at(2).text.size(), 70000);
}

void TestDockerFrameDemuxer::randomizedFramesAndCuts()
{
    QRandomGenerator random(20261125);
    for (int round = 0; round < 200; ++round) {
        QByteArray wire;
        QList<Line> expected;
        QByteArray carry[3];
        const int frames = int(random.bounded(1, 40));
        for (int i = 0; i < frames; ++i) {
            const int type = int(random.bounded(1, 3));
            QByteArray payload;
            const int length = int(random.bounded(0, 300));
            for (int k = 0; k < length; ++k) {
                const quint32 r = random.bounded(40u);
                payload.append(r == 0 ? '\n' : char('a' + r % 26));
            }
            wire += frame(type, payload);
            // Reference: split the concatenated per-stream payload at '\n'.
            carry[type] += payload;
            qsizetype nl;
            while ((nl = carry[type].indexOf('\n')) >= 0) {
                expected.append({ LogStream(type), carry[type].left(nl) });
                carry[type].remove(0, nl + 1);
            }
        }
        Pipeline p;
        qsizetype pos = 0;
        while (pos < wire.size()) {
            const qsizetype take = qMin<qsizetype>(wire.size() - pos, random.bounded(1, 64));
            QVERIFY(p.feed(QByteArrayView(wire).sliced(pos, take)));
            pos += take;
        }
        QCOMPARE(p.lines, expected);
    }
}

void TestDockerFrameDemuxer::systemErrorFrames()
{
    Pipeline p;
    QVERIFY(p.feed(frame(3, "error from daemon in stream: container gone\n")));
    QCOMPARE(p.lines.size(), 1);
    QCOMPARE(p.lines.first().stream, LogStream::System);
}

void TestDockerFrameDemuxer::rejectsUnknownStreamType()
{
    Pipeline p;
    QVERIFY(!p.feed(QByteArray("HTTP/1.1 500 Internal\r\n")));
    QVERIFY(p.demuxer.hasError());
    QVERIFY(!p.feed(frame(1, "ignored\n")));
    QVERIFY(p.lines.isEmpty());
}

void TestDockerFrameDemuxer::rawTtyStream()
{
    const QByteArray wire = "2026-11-24T20:01:31Z hello\r\n2026-11-24T20:01:32Z \x01\x02 binary-ish\r\nlast";
    for (qsizetype cut = 0; cut <= wire.size(); ++cut) {
        Pipeline p(DockerFrameDemuxer::Mode::Raw);
        QVERIFY(p.feed(QByteArrayView(wire).first(cut)));
        QVERIFY(p.feed(QByteArrayView(wire).sliced(cut)));
        QCOMPARE(p.lines.size(), 2);
        QCOMPARE(p.lines.at(0).text, QByteArray("2026-11-24T20:01:31Z hello"));
        QCOMPARE(p.lines.at(1).text, QByteArray("2026-11-24T20:01:32Z \x01\x02 binary-ish"));
        QVERIFY(p.assemblers[1].hasPartialLine());
    }
}

void TestDockerFrameDemuxer::payloadIsNotCopied()
{
    const QByteArray wire = frame(1, "complete line\n");
    DockerFrameDemuxer demuxer;
    const char *seen = nullptr;
    demuxer.feed(wire, [&](LogStream, QByteArrayView piece) { seen = piece.data(); });
    QCOMPARE(seen, wire.constData() + 8);
}

void TestDockerFrameDemuxer::cutFrameIsReported()
{
    const QByteArray wire = frame(1, "0123456789\n");
    DockerFrameDemuxer demuxer;
    demuxer.feed(QByteArrayView(wire).first(12), [](LogStream, QByteArrayView) { });
    QVERIFY(demuxer.inFrame());
    QCOMPARE(demuxer.remainingInFrame(), 7u);
    demuxer.reset();
    QVERIFY(!demuxer.inFrame());
}

void TestDockerFrameDemuxer::timestamps_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<qint64>("nanos");
    QTest::addColumn<int>("consumed");
    // 2026-11-24T20:01:31Z = 1795550491
    QTest::newRow("podman whole seconds") << QByteArray("2026-11-24T20:01:31Z line") << 1795550491000000000LL << 21;
    QTest::newRow("docker nanoseconds") << QByteArray("2026-11-24T20:01:31.123456789Z x") << 1795550491123456789LL
                                        << 31;
    QTest::newRow("short fraction") << QByteArray("2026-11-24T20:01:31.5Z x") << 1795550491500000000LL << 23;
    QTest::newRow("offset") << QByteArray("2026-11-24T22:01:31.000000001+02:00 x") << 1795550491000000001LL << 36;
    QTest::newRow("no message") << QByteArray("2026-11-24T20:01:31Z") << 1795550491000000000LL << 20;
    QTest::newRow("epoch") << QByteArray("1970-01-01T00:00:00Z x") << 0LL << 21;
    QTest::newRow("leap year") << QByteArray("2024-02-29T00:00:00Z x") << 1709164800000000000LL << 21;
    QTest::newRow("not a timestamp") << QByteArray("hello world, this is a line") << -1LL << 0;
    QTest::newRow("bad month") << QByteArray("2026-13-24T20:01:31Z x") << -1LL << 0;
    QTest::newRow("missing zone") << QByteArray("2026-11-24T20:01:31 x") << -1LL << 0;
    QTest::newRow("truncated") << QByteArray("2026-11-24T20:01") << -1LL << 0;
    // Nanoseconds since 1970 fit in 64 bits from 1678 to 2262 only; the fuzzer
    // found "1013-..." overflowing. Log timestamps are never before 1970.
    QTest::newRow("year 1013") << QByteArray("1013-11-25T01:02:03Z x") << -1LL << 0;
    QTest::newRow("year 9999") << QByteArray("9999-12-31T23:59:59Z x") << -1LL << 0;
    QTest::newRow("before 1970") << QByteArray("1969-12-31T23:59:59.5Z x") << -1LL << 0;
    QTest::newRow("offset before 1970") << QByteArray("1970-01-01T00:30:00+01:00 x") << -1LL << 0;
    QTest::newRow("year 2261") << QByteArray("2261-12-31T23:59:59Z x") << 9214646399000000000LL << 21;
}

void TestDockerFrameDemuxer::timestamps()
{
    QFETCH(QByteArray, line);
    QFETCH(qint64, nanos);
    QFETCH(int, consumed);
    qsizetype used = 0;
    QCOMPARE(parseRfc3339Nanos(line, &used), nanos);
    if (nanos >= 0)
        QCOMPARE(used, qsizetype(consumed));
}

void TestDockerFrameDemuxer::timestampRoundTrip()
{
    for (const qint64 nanos : { 0LL, 1795550491000000000LL, 1795550491123456789LL, 951782400000000001LL }) {
        const QByteArray text = formatRfc3339Nanos(nanos);
        QCOMPARE(parseRfc3339Nanos(text, nullptr), nanos);
    }
}

void TestDockerFrameDemuxer::nginxAccessLines_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<double>("latency");
    QTest::newRow("combined") << QByteArray(
        R"(127.0.0.1 - - [24/Nov/2026:20:01:31 +0000] "GET /index.php?a=1 HTTP/1.1" 200 612 "-" "curl/8.14")")
                              << 200 << QByteArray("GET") << QByteArray("/index.php?a=1") << -1.0;
    QTest::newRow("request time") << QByteArray(
        R"(10.0.0.2 - bob [24/Nov/2026:20:01:31 +0000] "POST /api HTTP/2.0" 502 0 "-" "x" 0.125)")
                                  << 502 << QByteArray("POST") << QByteArray("/api") << 0.125;
    QTest::newRow("rt=") << QByteArray(R"(::1 - - [24/Nov/2026:20:01:31 +0000] "HEAD / HTTP/1.0" 404 0 rt=0.003 "-")")
                         << 404 << QByteArray("HEAD") << QByteArray("/") << 0.003;
    QTest::newRow("not access") << QByteArray("2026/11/24 20:01:31 [error] 7#7: *1 open() failed") << 0 << QByteArray()
                                << QByteArray() << -1.0;
}

void TestDockerFrameDemuxer::nginxAccessLines()
{
    QFETCH(QByteArray, line);
    QFETCH(int, status);
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(double, latency);
    NginxAccessLine access;
    const bool ok = parseNginxAccessLine(line, &access);
    QCOMPARE(ok, status != 0);
    if (!ok)
        return;
    QCOMPARE(access.status, status);
    QCOMPARE(access.method.toByteArray(), method);
    QCOMPARE(access.path.toByteArray(), path);
    QCOMPARE(access.latencySeconds, latency);
}

void TestDockerFrameDemuxer::levels_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<int>("level");
    QTest::newRow("nginx error") << QByteArray("2026/11/24 20:01:31 [error] 7#7: *1 open() failed")
                                 << int(LogLevel::Error);
    QTest::newRow("php-fpm warning") << QByteArray("[24-Nov-2026 20:01:31] WARNING: [pool www] child 7 said")
                                     << int(LogLevel::Warning);
    QTest::newRow("php-fpm notice") << QByteArray("[24-Nov-2026 20:01:31] NOTICE: ready to handle connections")
                                    << int(LogLevel::Notice);
    QTest::newRow("logfmt") << QByteArray("time=x level=debug msg=hi") << int(LogLevel::Debug);
    QTest::newRow("access 500") << QByteArray(
        R"(1.2.3.4 - - [24/Nov/2026:20:01:31 +0000] "GET / HTTP/1.1" 500 1 "-" "-")")
                                << int(LogLevel::Error);
    QTest::newRow("access 200") << QByteArray(
        R"(1.2.3.4 - - [24/Nov/2026:20:01:31 +0000] "GET / HTTP/1.1" 200 1 "-" "-")")
                                << int(LogLevel::Info);
    QTest::newRow("plain") << QByteArray("hello there") << int(LogLevel::Unknown);
    QTest::newRow("errors inside a word") << QByteArray("terror movie reviews") << int(LogLevel::Unknown);
}

void TestDockerFrameDemuxer::levels()
{
    QFETCH(QByteArray, line);
    QFETCH(int, level);
    QCOMPARE(int(detectLogLevel(line)), level);
}

QTEST_GUILESS_MAIN(TestDockerFrameDemuxer)
#include "tst_dockerframedemuxer.moc"

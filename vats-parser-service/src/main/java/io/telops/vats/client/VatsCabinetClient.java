package io.telops.vats.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.telops.vats.cabinet.AbonentFilter;
import io.telops.vats.cabinet.AbonentListLayout;
import io.telops.vats.cabinet.AbonentRow;
import io.telops.vats.cabinet.CabinetTypes;
import io.telops.vats.cabinet.DeviceForm;
import io.telops.vats.cabinet.DeviceFormLayout;
import io.telops.vats.cabinet.SwitchDeviceLayout;
import io.telops.vats.gwt.GwtRpcFormatException;
import io.telops.vats.gwt.GwtRpcResponse;

/**
 * The MTS cabinet as operations: list all trunks, read a device form, switch a device, add or restore
 * SIP devices. Holds one session; logs in on first use, again when the session expires, and again when
 * the server says the client's policies are stale ({@code IncompatibleRemoteServiceException}) — each at
 * most once per call. Calls are serialised: the seed had to go down to one connection, the cabinet
 * misbehaves under parallel requests.
 */
public class VatsCabinetClient {
    private static final Logger LOG = Logger.getLogger(VatsCabinetClient.class);
    /** ADD attempts, each after a look at the form that found no device. */
    private static final int CREATE_ATTEMPTS = 3;

    private final CabinetSettings settings;
    private final CabinetGateway gateway;
    private final CabinetObserver observer;
    private final ReentrantLock lock = new ReentrantLock();
    private CabinetSession session;
    private String lastPermutation;

    public VatsCabinetClient(CabinetSettings settings, CabinetGateway gateway, CabinetObserver observer) {
        this.settings = settings;
        this.gateway = gateway;
        this.observer = observer;
    }

    /** Every trunk, page by page, until a short page; fails rather than return a partial list. */
    public List<AbonentRow> listAllTrunks(AbonentFilter filter) {
        List<AbonentRow> all = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (int page = 0; ; page++) {
            if (page >= settings.maxPages()) {
                throw new CabinetException.UnexpectedLayout("more than " + settings.maxPages() + " pages of abonents", null);
            }
            long pageIndex = page;
            List<AbonentRow> rows = call(CabinetTypes.ABONENT_BROWSER_PATH,
                    s -> AbonentListLayout.request(s.call(CabinetTypes.ABONENT_BROWSER_PATH), contractId(s), filter, pageIndex,
                            settings.pageSize()),
                    AbonentListLayout::read);
            int fresh = 0;
            for (AbonentRow row : rows) {
                if (seen.add(row.id())) {
                    all.add(row);
                    fresh++;
                }
            }
            if (rows.size() > settings.pageSize()) {
                throw new CabinetException.UnexpectedLayout("page " + page + " holds " + rows.size() + " rows, more than the page size", null);
            }
            if (rows.size() < settings.pageSize()) {
                return List.copyOf(all);
            }
            if (fresh == 0) {
                // a full page of rows already seen: the server ignores the page index
                throw new CabinetException.UnexpectedLayout("page " + page + " repeats earlier rows; paging is not honoured", null);
            }
        }
    }

    public DeviceForm deviceForm(long abonentId) {
        return call(CabinetTypes.DISPATCHER_PATH,
                s -> DeviceFormLayout.getFormRequest(s.call(CabinetTypes.DISPATCHER_PATH), abonentId, settings.deviceFormOrdinal()),
                DeviceFormLayout::read);
    }

    /** Switches a SIP device on or off; answers the abonent's form after the change. */
    public DeviceForm switchDevice(long deviceId, boolean on) {
        return call(CabinetTypes.DEVICE_FORM_PATH,
                s -> SwitchDeviceLayout.request(s.call(CabinetTypes.DEVICE_FORM_PATH), deviceId, on),
                DeviceFormLayout::read);
    }

    /** Saves a device form (ADD when it lists devices, DEL when empty); sent once, never retried. Answers the stored form. */
    public DeviceForm updateDeviceForm(DeviceForm form) {
        return call(CabinetTypes.DISPATCHER_PATH,
                s -> DeviceFormLayout.updateFormRequest(s.call(CabinetTypes.DISPATCHER_PATH), form, settings.deviceFormOrdinal()),
                DeviceFormLayout::read, false);
    }

    /**
     * Creates the form's device (ADD) without ever creating two: when the cabinet is unavailable (timeout,
     * 5xx), the ADD may have been carried out with its answer lost, so the abonent's form is read before each
     * new attempt and a device found there is the one created.
     */
    public DeviceForm createDevice(DeviceForm form) {
        for (int attempt = 1; ; attempt++) {
            try {
                return updateDeviceForm(form);
            } catch (CabinetException.Unavailable e) {
                DeviceForm now = deviceForm(form.abonentId());
                if (now.sipDevice().isPresent()) {
                    LOG.warnf("device ADD for abonent %d failed (%s) but the cabinet shows the device: taking it as created",
                            form.abonentId(), e.getMessage());
                    return now;
                }
                if (attempt >= CREATE_ATTEMPTS) {
                    throw e;
                }
                LOG.infof("device ADD for abonent %d failed (%s) and the cabinet shows no device: sending it again",
                        form.abonentId(), e.getMessage());
            }
        }
    }

    /** The enterprise (contract) id of the logged-in account. */
    public long enterpriseId() {
        lock.lock();
        try {
            return current().enterpriseId();
        } finally {
            lock.unlock();
        }
    }

    private long contractId(CabinetSession s) {
        return settings.contractId().orElse(s.enterpriseId());
    }

    private <T> T call(String servletPath, Function<CabinetSession, String> request, Function<GwtRpcResponse.Ok, T> reader) {
        return call(servletPath, request, reader, true);
    }

    /** A session renewal re-sends even a call that is not idempotent: an expired session or stale policy means it was refused. */
    private <T> T call(String servletPath, Function<CabinetSession, String> request, Function<GwtRpcResponse.Ok, T> reader,
                       boolean idempotent) {
        lock.lock();
        try {
            boolean renewed = false;
            while (true) {
                CabinetSession s = current();
                long started = System.nanoTime();
                try {
                    String body = request.apply(s);
                    GwtRpcResponse response = idempotent ? gateway.post(s, servletPath, body) : gateway.postOnce(s, servletPath, body);
                    if (response instanceof GwtRpcResponse.Thrown thrown) {
                        throw new CabinetException.RemoteFailure(thrown.exceptionType(), thrown.message());
                    }
                    T result;
                    try {
                        result = reader.apply((GwtRpcResponse.Ok) response);
                    } catch (GwtRpcFormatException e) {
                        throw new CabinetException.UnexpectedLayout(servletPath + ": " + e.getMessage(), e);
                    }
                    observer.call(servletPath, "ok", elapsed(started));
                    return result;
                } catch (CabinetException.SessionExpired e) {
                    observer.call(servletPath, e.kind(), elapsed(started));
                    if (renewed) {
                        throw fail(new CabinetException.LoginFailed("session expired again right after a fresh login: " + e.getMessage()));
                    }
                    LOG.infof("cabinet session expired (%s); logging in again", e.getMessage());
                    session = null;
                    renewed = true;
                } catch (CabinetException.RemoteFailure e) {
                    observer.call(servletPath, e.kind(), elapsed(started));
                    if (e.isIncompatibleService() && !renewed) {
                        LOG.warnf("cabinet says the client is out of date (%s); refreshing permutation and policies", e.getMessage());
                        session = null;
                        renewed = true;
                    } else {
                        throw fail(e);
                    }
                } catch (CabinetException e) {
                    observer.call(servletPath, e.kind(), elapsed(started));
                    throw fail(e);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private CabinetSession current() {
        if (session == null) {
            CabinetSession fresh;
            try {
                fresh = gateway.login();
            } catch (CabinetException e) {
                throw fail(e);
            }
            boolean changed = lastPermutation != null && !lastPermutation.equals(fresh.permutation());
            if (changed) {
                LOG.warnf("cabinet permutation changed from %s to %s: MTS redeployed", lastPermutation, fresh.permutation());
            }
            observer.loggedIn(fresh, changed, lastPermutation == null ? "" : lastPermutation);
            lastPermutation = fresh.permutation();
            session = fresh;
        }
        return session;
    }

    private CabinetException fail(CabinetException e) {
        observer.failed(e);
        return e;
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }
}

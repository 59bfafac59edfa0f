// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {WaterfallTestBase, WaterfallConfigHarness} from "./WaterfallTestBase.sol";
import {WaterfallFactory} from "../../../contracts/waterfall/WaterfallFactory.sol";
import {Waterfall} from "../../../contracts/waterfall/Waterfall.sol";
import {IWaterfall} from "../../../contracts/interfaces/IWaterfall.sol";
import {TestToken} from "../../../contracts/mocks/TestToken.sol";

/// @notice Fuzzes the entitlement kernel and the release paths: caps respected, order kept, nothing left over.
contract WaterfallFuzzTest is WaterfallTestBase {
    WaterfallFactory internal factory;
    TestToken internal token;
    WaterfallConfigHarness internal harness;
    address internal constant RESIDUAL = address(0xBA4D);

    function setUp() public {
        factory = new WaterfallFactory();
        token = new TestToken("T", "T", 6);
        harness = new WaterfallConfigHarness();
    }

    function testFuzz_entitled_fillsInOrderAndAddsUpToReceived(uint256 seed, uint256 n, uint256 received) public view {
        n = bound(n, 1, _maxTranches());
        uint256[] memory t = _tranches(n, seed, type(uint96).max);
        received = bound(received, 0, _sumCaps(t) * 2 + 1);
        uint256[] memory e = _expected(t, received);
        uint256 sum;
        for (uint256 i; i <= n; ++i) {
            uint256 got = harness.entitled(t, i, received);
            assertEq(got, e[i], "entitlement");
            if (i < n) assertLe(got, _cap(t[i]), "tranche above its cap");
            // A later position is entitled to something only once every earlier tranche is full.
            if (got > 0) for (uint256 j; j < i; ++j) assertEq(e[j], _cap(t[j]), "earlier tranche not full");
            sum += got;
        }
        assertEq(sum, received, "entitlements add up to received");
    }

    function testFuzz_entitled_neverDecreasesAsMoreArrives(uint256 seed, uint256 a, uint256 b) public view {
        uint256[] memory t = _tranches(4, seed, 1e12);
        a = bound(a, 0, 1e13);
        b = bound(b, a, 1e13);
        for (uint256 i; i <= 4; ++i) assertLe(harness.entitled(t, i, a), harness.entitled(t, i, b), "monotone");
    }

    function testFuzz_release_anyOrderAnyTiming_paysExactEntitlements(
        uint256 seed,
        uint256 n,
        uint256 a1,
        uint256 a2,
        uint256 order
    ) public {
        n = bound(n, 1, 8);
        uint256[] memory t = _tranches(n, seed, 1e12);
        a1 = bound(a1, 0, 2e12);
        a2 = bound(a2, 0, 1e13);
        bytes32 salt = bytes32(seed);
        Waterfall w = Waterfall(factory.createWaterfall(address(token), t, RESIDUAL, salt));
        token.mint(address(w), a1);
        // Positions picked by `order` release after the first payment, everyone after the second.
        for (uint256 i; i <= n; ++i) if ((order >> i) & 1 == 1) w.release(address(token), t, RESIDUAL, salt, i);
        uint256[] memory mid = _expected(t, a1);
        for (uint256 i; i < n; ++i) assertLe(token.balanceOf(_recipient(t[i])), mid[i], "paid above entitlement");
        token.mint(address(w), a2);
        if (order & (1 << 31) == 0) w.releaseAll(address(token), t, RESIDUAL, salt);
        else for (uint256 i; i <= n; ++i) w.release(address(token), t, RESIDUAL, salt, n - i);
        uint256[] memory e = _expected(t, a1 + a2);
        uint256 paid;
        for (uint256 i; i < n; ++i) {
            assertEq(token.balanceOf(_recipient(t[i])), e[i], "tranche paid its entitlement");
            assertLe(e[i], _cap(t[i]), "tranche above its cap");
            paid += e[i];
        }
        uint256 excess = a1 + a2 > _sumCaps(t) ? a1 + a2 - _sumCaps(t) : 0;
        assertEq(token.balanceOf(RESIDUAL), excess, "residual receives exactly the excess");
        assertEq(paid + excess, a1 + a2, "all paid out");
        assertEq(token.balanceOf(address(w)), 0, "nothing left");
    }

    function testFuzz_RevertWhen_configAltered(uint256 seed, uint256 bit, bytes32 otherSalt) public {
        uint256[] memory t = _tranches(3, seed, 1e12);
        bytes32 salt = keccak256(abi.encode(seed));
        Waterfall w = Waterfall(factory.createWaterfall(address(token), t, RESIDUAL, salt));
        uint256[] memory altered = new uint256[](3);
        for (uint256 i; i < 3; ++i) altered[i] = t[i];
        altered[bit % 3] ^= 1 << (bit % 256);
        vm.expectRevert();
        w.release(address(token), altered, RESIDUAL, salt, 0);
        vm.assume(otherSalt != salt);
        vm.expectRevert();
        w.releaseAll(address(token), t, RESIDUAL, otherSalt);
    }

    function testFuzz_hash_differsForAnyChange(uint256 seed, address token2, address residual2) public view {
        uint256[] memory t = _tranches(2, seed, 1e12);
        bytes32 h = harness.hash(address(token), t, RESIDUAL, 0);
        vm.assume(token2 != address(token) && residual2 != RESIDUAL);
        assertTrue(harness.hash(token2, t, RESIDUAL, 0) != h, "token committed");
        assertTrue(harness.hash(address(token), t, residual2, 0) != h, "residual committed");
        uint256[] memory shorter = new uint256[](1);
        shorter[0] = t[0];
        assertTrue(harness.hash(address(token), shorter, RESIDUAL, 0) != h, "length committed");
    }

    function test_RevertWhen_unknownPosition() public {
        uint256[] memory t = _tranches(2, 1, 100);
        Waterfall w = Waterfall(factory.createWaterfall(address(token), t, RESIDUAL, 0));
        vm.expectRevert(abi.encodeWithSelector(IWaterfall.WaterfallUnknownPosition.selector, 3, 2));
        w.release(address(token), t, RESIDUAL, 0, 3);
    }
}

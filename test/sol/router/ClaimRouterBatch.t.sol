// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IClaimRouter} from "../../../contracts/interfaces/IClaimRouter.sol";
import {Distributor} from "../../../contracts/distributor/Distributor.sol";
import {SubscriptionHub} from "../../../contracts/hub/SubscriptionHub.sol";
import {SplitFactory} from "../../../contracts/split/SplitFactory.sol";
import {GasGuzzler} from "../../../contracts/mocks/HostileRecipients.sol";
import {RouterDeploy, RouterFixture} from "./RouterFixture.sol";

/// @notice `claimAllFor`: one relayer transaction pays many accounts, each only its own, whatever the others do.
contract ClaimRouterBatchTest is RouterFixture {
    address internal constant RELAYER = address(0xBEEF);

    function setUp() public {
        _deploy();
        (SubscriptionHub h, Distributor d) = RouterDeploy.deploy(this);
        _attach(h, d);
    }

    function _all() internal view returns (IClaimRouter.ClaimRequest[] memory requests) {
        requests = new IClaimRouter.ClaimRequest[](4);
        for (uint256 i; i < 4; ++i) requests[i] = _request(i);
    }

    function _fill(uint256 seed) internal {
        for (uint256 k; k < 6; ++k) {
            if (uint256(keccak256(abi.encode(seed, "sub", k))) % 3 != 0) _subscribe(_artists[k % 4]);
        }
        uint256[4] memory steps;
        for (uint256 i; i < 4; ++i) steps[i] = bound(uint256(keccak256(abi.encode(seed, i))), 0, 1e12);
        _publish(steps);
    }

    function testFuzz_claimAllFor_paysEachAccountExactlyWhatItWasOwed(uint256 seed) public {
        _fill(seed);
        uint256[4] memory owed;
        uint256 nothingOwed;
        for (uint256 i; i < 4; ++i) {
            owed[i] = _owed(i);
            if (hub.referralBalanceOf(_artists[i]) == 0) ++nothingOwed; // the hub leg reverts: skipped
            if (_cumulative[i] != 0 && distributor.claimed(_artists[i]) == _cumulative[i]) ++nothingOwed;
        }
        vm.expectEmit(address(router));
        emit IClaimRouter.BatchClaimed(RELAYER, 4, nothingOwed);
        vm.prank(RELAYER);
        uint256 skipped = router.claimAllFor(_all(), 300_000);
        assertEq(skipped, nothingOwed, "skipped legs");
        for (uint256 i; i < 4; ++i) {
            assertEq(usdc.balanceOf(_artists[i]), owed[i], "paid what it was owed");
            assertEq(_owed(i), 0, "nothing left");
        }
        assertEq(usdc.balanceOf(RELAYER), 0, "relayer");
        assertEq(usdc.balanceOf(address(router)), 0, "router");
    }

    /// @dev A thief names itself with a victim's leaf and hub, or the victim with a larger leaf: nothing moves.
    function testFuzz_claimAllFor_cannotRedirectAnothersMoney(uint256 seed, uint256 victim, uint96 extra) public {
        _fill(seed);
        uint256 v = victim % 4;
        uint256 before = _owed(v);
        IClaimRouter.ClaimRequest[] memory requests = new IClaimRouter.ClaimRequest[](2);
        requests[0] = _request(v);
        requests[0].account = address(0x7417);
        requests[1] = _request(v);
        if (requests[1].claims.length != 0) requests[1].claims[0].cumulativeAmount += uint256(extra) + 1;
        requests[1].hubs = new address[](0);
        vm.prank(address(0x7417));
        router.claimAllFor(requests, 300_000);
        assertEq(usdc.balanceOf(address(0x7417)), 0, "the thief got nothing");
        assertEq(_owed(v), before, "the victim's claims are untouched");
    }

    function test_claimAllFor_skipsABlocklistedAccountAndPaysTheOthers() public {
        _fill(1);
        for (uint256 i; i < 4; ++i) _subscribe(_artists[i]);
        uint256 owedToBlocked = _owed(1);
        usdc.blacklist(_artists[1]);
        uint256[4] memory owed;
        for (uint256 i; i < 4; ++i) owed[i] = _owed(i);
        vm.prank(RELAYER);
        router.claimAllFor(_all(), 300_000);
        for (uint256 i; i < 4; ++i) {
            if (i == 1) continue;
            assertEq(usdc.balanceOf(_artists[i]), owed[i], "the others are paid");
        }
        assertEq(_owed(1), owedToBlocked, "the blocklisted artist keeps its claims");
        usdc.unBlacklist(_artists[1]);
        vm.prank(RELAYER);
        router.claimAllFor(_all(), 300_000);
        assertEq(usdc.balanceOf(_artists[1]), owedToBlocked, "paid once off the list");
    }

    function test_claimAllFor_pausedTokenSkipsEveryLegAndLosesNothing() public {
        _fill(2);
        for (uint256 i; i < 4; ++i) _subscribe(_artists[i]);
        uint256[4] memory owed;
        for (uint256 i; i < 4; ++i) owed[i] = _owed(i);
        usdc.pause();
        vm.prank(RELAYER);
        router.claimAllFor(_all(), 300_000);
        for (uint256 i; i < 4; ++i) assertEq(_owed(i), owed[i], "nothing moved while paused");
        usdc.unpause();
        vm.prank(RELAYER);
        router.claimAllFor(_all(), 300_000);
        for (uint256 i; i < 4; ++i) assertEq(usdc.balanceOf(_artists[i]), owed[i], "paid after the pause");
    }

    /// @dev A Split payee that burns all the gas it is given (an ETH release forwards all gas) uses at most
    /// `legGas`, so the next account in the batch is still paid.
    function test_claimAllFor_gasGuzzlingPayeeFailsOnlyItsOwnLeg() public {
        SplitFactory factory = new SplitFactory();
        address guzzler = address(new GasGuzzler());
        address alice = address(0xA11CE);
        (address lo, address hi) = guzzler < alice ? (guzzler, alice) : (alice, guzzler);
        uint256[] memory payees = new uint256[](2);
        payees[0] = (uint256(1) << 160) | uint160(lo);
        payees[1] = (uint256(1) << 160) | uint160(hi);
        address split = factory.createSplit(payees, bytes32(0));
        vm.deal(split, 1 ether);
        IClaimRouter.ClaimRequest[] memory requests = new IClaimRouter.ClaimRequest[](2);
        requests[0] = _releaseOf(split, guzzler, guzzler == lo ? 0 : 1, payees);
        requests[1] = _releaseOf(split, alice, alice == lo ? 0 : 1, payees);
        vm.prank(RELAYER);
        uint256 skipped = router.claimAllFor{gas: 2_000_000}(requests, 300_000);
        assertEq(skipped, 1, "only the guzzler's leg failed");
        assertEq(alice.balance, 0.5 ether, "alice is paid");
        assertEq(guzzler.balance, 0, "the guzzler is not");
    }

    function _releaseOf(
        address split,
        address account,
        uint256 index,
        uint256[] memory payees
    ) internal pure returns (IClaimRouter.ClaimRequest memory r) {
        r.account = account;
        r.releases = new IClaimRouter.SplitRelease[](1);
        address[] memory tokens = new address[](1);
        bytes32[] memory proof = new bytes32[](1);
        uint256 other = payees[index ^ 1];
        proof[0] = keccak256(abi.encodePacked(address(uint160(other)), uint96(other >> 160), uint256(2), bytes32(0)));
        r.releases[0] = IClaimRouter.SplitRelease(split, tokens, 1, 2, bytes32(0), proof);
    }

    /// @dev A caller sending too little gas for a leg's cap cannot make that leg look failed and skip it.
    function test_RevertWhen_claimAllFor_aLegIsStarvedByTheCallersGas() public {
        GasGuzzler guzzler = new GasGuzzler();
        IClaimRouter.ClaimRequest[] memory requests = new IClaimRouter.ClaimRequest[](1);
        requests[0].account = _artists[0];
        requests[0].hubs = new address[](1);
        requests[0].hubs[0] = address(guzzler); // A call with data finds no function: it reverts at once.
        vm.prank(RELAYER);
        assertEq(router.claimAllFor(requests, 5_000_000), 1, "a quick revert with gas to spare is skipped");
        // A payee that burns all it is given, under a cap above what the caller sent: starved, so the batch reverts.
        SplitFactory factory = new SplitFactory();
        uint256[] memory payees = new uint256[](2);
        (address lo, address hi) = address(guzzler) < address(0xA11CE)
            ? (address(guzzler), address(0xA11CE))
            : (address(0xA11CE), address(guzzler));
        payees[0] = (uint256(1) << 160) | uint160(lo);
        payees[1] = (uint256(1) << 160) | uint160(hi);
        address split = factory.createSplit(payees, bytes32(0));
        vm.deal(split, 1 ether);
        requests[0] = _releaseOf(split, address(guzzler), address(guzzler) == lo ? 0 : 1, payees);
        vm.expectRevert(
            abi.encodeWithSelector(IClaimRouter.ClaimRouterLegStarved.selector, address(guzzler), 2, split, 5_000_000)
        );
        vm.prank(RELAYER);
        router.claimAllFor{gas: 1_000_000}(requests, 5_000_000);
    }

    function test_RevertWhen_claimAllFor_aRequestNamesTheZeroAccount() public {
        IClaimRouter.ClaimRequest[] memory requests = _all();
        requests[2].account = address(0);
        vm.expectRevert(abi.encodeWithSelector(IClaimRouter.ClaimRouterZeroAccount.selector, 2));
        router.claimAllFor(requests, 300_000);
    }
}

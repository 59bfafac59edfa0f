// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Test} from "../utils/Test.sol";
import {ClaimRouter} from "../../../contracts/router/ClaimRouter.sol";
import {Distributor} from "../../../contracts/distributor/Distributor.sol";
import {SubscriptionHub} from "../../../contracts/hub/SubscriptionHub.sol";
import {IClaimRouter} from "../../../contracts/interfaces/IClaimRouter.sol";
import {ISubscriptionHub} from "../../../contracts/interfaces/ISubscriptionHub.sol";
import {MockFundable} from "../../../contracts/mocks/MockFundable.sol";
import {UsdcLikeToken} from "../../../contracts/mocks/UsdcLikeToken.sol";
import {MerkleBuilder} from "../distributor/MerkleBuilder.sol";

/// @notice A ClaimRouter over a real SubscriptionHub and Distributor taking a USDC-like token (6 decimals, pause,
/// blocklist) that this contract administers, four artists, and helpers that give them hub referral balances and
/// distributor leaves and build batch requests.
abstract contract RouterFixture is Test {
    uint256 public constant WINDOW = 1 days;
    uint96 public constant PRICE = 9_990_001;

    ClaimRouter public router;
    UsdcLikeToken public usdc;
    SubscriptionHub public hub;
    Distributor public distributor;
    address[4] internal _artists;
    /// @dev The active root's cumulative leaves, by artist.
    uint256[4] internal _cumulative;
    uint256 internal _fans;

    /// @dev The token (administered by this contract), the router and the artists; then `_attach` the hub and the
    /// distributor, deployed by `RouterDeploy` from outside (with them inside, a handler exceeds the code size limit).
    function _deploy() internal {
        usdc = new UsdcLikeToken();
        router = new ClaimRouter();
        for (uint256 i; i < 4; ++i) _artists[i] = makeAddr(string(abi.encodePacked("artist", i)));
    }

    function _attach(SubscriptionHub hub_, Distributor distributor_) internal {
        hub = hub_;
        distributor = distributor_;
    }

    /// @dev A new fan subscribes through `artist`'s link; returns the referral it credited (0 when paused).
    function _subscribe(address artist) internal returns (uint256 credited) {
        if (usdc.paused()) return 0;
        address fan = address(uint160(0xFA0000 + ++_fans));
        usdc.mint(fan, PRICE);
        uint256 before = hub.referralBalanceOf(artist);
        vm.startPrank(fan);
        usdc.approve(address(hub), PRICE);
        hub.subscribe(0, artist, 0);
        vm.stopPrank();
        return hub.referralBalanceOf(artist) - before;
    }

    /// @dev Publishes the next cumulative root (each leaf grows by `steps[i]`), funded exactly, and activates it.
    /// Returns false (nothing published) when the token is paused.
    function _publish(uint256[4] memory steps) internal returns (bool) {
        if (usdc.paused()) return false;
        uint256[4] memory next;
        uint256 total;
        uint256 added;
        for (uint256 i; i < 4; ++i) {
            next[i] = _cumulative[i] + steps[i];
            total += next[i];
            added += steps[i];
        }
        if (added == 0) return false;
        usdc.mint(address(this), added);
        usdc.approve(address(distributor), added);
        distributor.fundAndPropose(added, MerkleBuilder.root(_artists, next), total, bytes32(0), "ipfs://period");
        vm.warp(block.timestamp + WINDOW);
        distributor.promote();
        _cumulative = next;
        return true;
    }

    /// @dev Artist `i`'s request: its hub balance and its active leaf.
    function _request(uint256 i) internal view returns (IClaimRouter.ClaimRequest memory r) {
        r.account = _artists[i];
        r.hubs = new address[](1);
        r.hubs[0] = address(hub);
        if (_cumulative[i] != 0) {
            r.claims = new IClaimRouter.DistributorClaim[](1);
            r.claims[0] = IClaimRouter.DistributorClaim(
                address(distributor),
                _cumulative[i],
                MerkleBuilder.proof(_artists, _cumulative, i)
            );
        }
    }

    /// @dev What artist `i` can still be paid by the hub and the distributor.
    function _owed(uint256 i) internal view returns (uint256) {
        return hub.referralBalanceOf(_artists[i]) + _cumulative[i] - distributor.claimed(_artists[i]);
    }
}

/// @notice Deploys the hub and the distributor for a `RouterFixture`: both take its token; it owns both and publishes
/// the distributor's roots.
library RouterDeploy {
    function deploy(RouterFixture f) internal returns (SubscriptionHub hub, Distributor distributor) {
        ISubscriptionHub.PlanConfig[] memory plans = new ISubscriptionHub.PlanConfig[](1);
        plans[0] = ISubscriptionHub.PlanConfig(f.PRICE(), 30 days);
        address token = address(f.usdc());
        hub = new SubscriptionHub(
            token,
            address(new MockFundable(token)),
            address(f),
            ISubscriptionHub.Policy(1 days, 7 days, false, 45 days),
            1_500,
            5_500,
            0,
            plans
        );
        distributor = new Distributor(token, address(f), address(f), f.WINDOW(), new address[](0));
    }
}

// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {GrowthPool} from "../../../contracts/growth/GrowthPool.sol";
import {SubscriptionHub} from "../../../contracts/hub/SubscriptionHub.sol";
import {ISubscriptionHub} from "../../../contracts/interfaces/ISubscriptionHub.sol";
import {MockFundable} from "../../../contracts/mocks/MockFundable.sol";
import {TestToken} from "../../../contracts/mocks/TestToken.sol";
import {UsdcLikeToken} from "../../../contracts/mocks/UsdcLikeToken.sol";

/// @notice The invariant test's contracts: a GrowthPool (owned by `owner`) on a real SubscriptionHub taking a
/// USDC-like token, allowing that token, and a second token not yet listed.
library GrowthFixture {
    uint256 internal constant DELAY = 30 days;
    uint256 internal constant WINDOW = 3 days;
    uint96 internal constant PRICE = 9_990_001;

    function deploy(
        address owner
    ) internal returns (GrowthPool pool, SubscriptionHub hub, UsdcLikeToken usdc, TestToken second) {
        usdc = new UsdcLikeToken();
        second = new TestToken("Second", "TWO", 18);
        ISubscriptionHub.PlanConfig[] memory plans = new ISubscriptionHub.PlanConfig[](1);
        plans[0] = ISubscriptionHub.PlanConfig(PRICE, 30 days);
        hub = new SubscriptionHub(
            address(usdc),
            address(new MockFundable(address(usdc))),
            owner,
            ISubscriptionHub.Policy(1 days, 7 days, false, 45 days),
            1_500,
            5_500,
            0,
            plans
        );
        address[] memory allowed = new address[](1);
        allowed[0] = address(usdc);
        bytes32[] memory bases = new bytes32[](1);
        bases[0] = "ad-revenue";
        uint16[] memory bps = new uint16[](1);
        bps[0] = 2_000;
        address[] memory noAuditors = new address[](0);
        pool = new GrowthPool(
            address(hub),
            owner,
            owner,
            [uint256(7 days), WINDOW, DELAY],
            noAuditors,
            allowed,
            bases,
            bps
        );
    }
}

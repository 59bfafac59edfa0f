// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ISubscriptionHub} from "../interfaces/ISubscriptionHub.sol";
import {TestToken} from "./TestToken.sol";

/// @notice One subscriber as a contract: mints itself TestTokens, approves the hub and subscribes, all in its
/// constructor, so a test can subscribe thousands of fans in a few dozen transactions.
/// @dev `Funding.NoAllowance` approves exactly the first payment and `Funding.NoBalance` mints exactly it, so after
/// subscribing such a fan can no longer pay a renewal.
contract Fan {
    enum Funding {
        Full,
        NoAllowance,
        NoBalance
    }

    constructor(TestToken token, ISubscriptionHub hub, uint16 planId, uint96 price, address referrer, Funding funding) {
        token.mint(address(this), funding == Funding.NoBalance ? price : 1000 * uint256(price));
        token.approve(address(hub), funding == Funding.NoAllowance ? price : type(uint256).max);
        hub.subscribe(planId, referrer, 0);
    }
}

/// @notice Plants many `Fan`s in one transaction (tests and benchmarks of the keeper only).
contract FanFarm {
    /// @dev One fan was planted.
    event Planted(address indexed fan, address indexed referrer, Fan.Funding funding);

    /// @notice Subscribes one new fan per entry of `fundings`, referrers taken in turn from `referrers`.
    function plant(
        TestToken token,
        ISubscriptionHub hub,
        uint16 planId,
        uint96 price,
        address[] calldata referrers,
        Fan.Funding[] calldata fundings
    ) external {
        for (uint256 i; i < fundings.length; ++i) {
            address referrer = referrers.length == 0 ? address(0) : referrers[i % referrers.length];
            Fan fan = new Fan(token, hub, planId, price, referrer, fundings[i]);
            emit Planted(address(fan), referrer, fundings[i]);
        }
    }
}
